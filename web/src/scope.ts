import type { Scope } from '../../src/platform/policies.ts';
import type { MsgKey, Vars } from './i18n/index.tsx';

/** The reach of a scope in plain words, relative to the unit the user belongs to. */
export function scopeInWords(t: (key: MsgKey, vars?: Vars) => string, scope: Scope, unitName: string): string {
  switch (scope) {
    case 'city':
      return t('scope.words.city');
    case 'subtree':
      return t('scope.words.subtree', { unit: unitName });
    case 'unit':
      return t('scope.words.unit', { unit: unitName });
  }
}
