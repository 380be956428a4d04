/**
 * The SQL form of a user's scope, for list queries: the rows whose unit lies inside the reach.
 * The same rule as `inScope` in policies.ts (tested against it).
 */
import type { Subject } from './policies.ts';

/** Appends the needed parameters to `params` and returns a boolean SQL expression. */
export function reachSql(subject: Pick<Subject, 'scope' | 'unitId' | 'unitPath'>, unitIdExpr: string, unitPathExpr: string, params: unknown[]): string {
  switch (subject.scope) {
    case 'city':
      return 'true';
    case 'subtree':
      // The prefix pattern as one parameter, so the planner can use the path index.
      params.push(`${subject.unitPath}%`);
      return `(${unitPathExpr} like $${params.length})`;
    case 'unit':
      params.push(subject.unitId);
      return `(${unitIdExpr} = $${params.length})`;
  }
}
