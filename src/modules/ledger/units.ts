/**
 * Matching the unit names a ledger writes to units. A name matches a unit by its exact name, its
 * name with its county or department ("离石区发展和改革局", "离石区/发展和改革局"), or — when no
 * exact name fits — its short name ("离石", "经开区", "离石发展和改革局"). Only units within the
 * importer's reach count for a lead unit; a name that fits none, or fits several, is an error that
 * lists the candidates.
 */
import { halfWidth } from './parse.ts';

export interface UnitEntry {
  id: number;
  name: string;
  shortName: string | null;
  path: string;
  /** As ledgers name it, e.g. "离石区发展和改革局". */
  label: string;
  parentName: string | null;
  parentShort: string | null;
}

export type UnitMatch =
  | { ok: true; unit: UnitEntry }
  | { ok: false; kind: 'unknown' | 'ambiguous' | 'out_of_reach'; candidates: string[]; message: string; messageEn: string };

/** Names compare without spaces, with half-width letters and Chinese brackets. */
export const unitKey = (s: string): string =>
  halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

const MAX_LISTED = 6;
const listed = (names: string[]) => (names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join('、')}等${names.length}个` : names.join('、'));
const listedEn = (names: string[]) => (names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more` : names.join(', '));

/** Share of characters two names have in common (Dice coefficient over character sets). */
function likeness(a: string, b: string): number {
  const x = new Set(a);
  const y = new Set(b);
  let common = 0;
  for (const c of x) if (y.has(c)) common++;
  return (2 * common) / (x.size + y.size);
}

export class UnitMatcher {
  private exact = new Map<string, UnitEntry[]>();
  private short = new Map<string, UnitEntry[]>();

  /** `inReach`: whether the importer may assign work to the unit. */
  constructor(
    private units: readonly UnitEntry[],
    private inReach: (u: UnitEntry) => boolean,
    /** What the importer cannot do in a unit outside its reach (ends the out-of-reach message). */
    private refused: { zh: string; en: string } = { zh: '不能为其交办整改事项', en: 'you cannot assign items to it' },
  ) {
    const add = (map: Map<string, UnitEntry[]>, key: string | null, u: UnitEntry) => {
      if (!key) return;
      const k = unitKey(key);
      const list = map.get(k) ?? [];
      if (!list.includes(u)) list.push(u);
      map.set(k, list);
    };
    for (const u of units) {
      add(this.exact, u.name, u);
      add(this.exact, u.label, u);
      if (u.parentName) add(this.exact, `${u.parentName}/${u.name}`, u);
      add(this.short, u.shortName, u);
      if (u.parentShort) add(this.short, `${u.parentShort}${u.name}`, u);
      if (u.shortName && u.parentName) add(this.short, `${u.parentName}${u.shortName}`, u);
    }
  }

  /** The lead unit named `name`: a unit within reach, unique by exact name, else by short name. */
  lead(name: string): UnitMatch {
    return this.find(name, true);
  }

  /** An assisting unit: any active unit; within reach first when the name is shared. */
  assist(name: string): UnitMatch {
    return this.find(name, false);
  }

  private find(name: string, reachOnly: boolean): UnitMatch {
    const key = unitKey(name);
    for (const tier of [this.exact.get(key) ?? [], this.short.get(key) ?? []]) {
      if (tier.length === 0) continue;
      const reachable = tier.filter(this.inReach);
      const pool = reachable.length || reachOnly ? reachable : tier;
      if (pool.length === 1) return { ok: true, unit: pool[0] as UnitEntry };
      if (pool.length > 1) {
        const candidates = pool.map((u) => u.label);
        return {
          ok: false,
          kind: 'ambiguous',
          candidates,
          message: `单位「${name}」不唯一，可能是：${listed(candidates)}，请写明全称`,
          messageEn: `the unit "${name}" is ambiguous: ${listedEn(candidates)}; write its full name`,
        };
      }
      // Found, but only outside the importer's reach.
      return {
        ok: false,
        kind: 'out_of_reach',
        candidates: [],
        message: `单位「${name}」不在您的管理范围内，${this.refused.zh}`,
        messageEn: `the unit "${name}" is outside your reach; ${this.refused.en}`,
      };
    }
    const candidates = this.units
      .filter((u) => !reachOnly || this.inReach(u))
      .map((u) => ({ u, score: Math.max(likeness(key, unitKey(u.label)), likeness(key, unitKey(u.name))) }))
      .filter((c) => c.score >= 0.6)
      .sort((a, b) => b.score - a.score || a.u.label.localeCompare(b.u.label))
      .slice(0, 3)
      .map((c) => c.u.label);
    return {
      ok: false,
      kind: 'unknown',
      candidates,
      message: `未找到单位「${name}」${candidates.length ? `，是否为：${candidates.join('、')}` : ''}`,
      messageEn: `no unit named "${name}"${candidates.length ? `; did you mean: ${candidates.join(', ')}` : ''}`,
    };
  }
}
