import type { Unit } from '../../src/modules/org/schema.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Local time as `YYYY-MM-DD HH:mm`; empty string for missing or invalid values. */
export function fmtDateTime(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local time as `HH:mm`, with the date in front when it is not today. */
export function fmtClock(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '';
  const now = new Date();
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return sameDay ? hm : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}

export function isFuture(value: string | null | undefined): boolean {
  const d = toDate(value);
  return d !== null && d.getTime() > Date.now();
}

/** Units sorted the way the organisation is displayed: by sortOrder, then id. */
export function sortUnits<T extends Pick<Unit, 'sortOrder' | 'id'>>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Builds the forest from the flat list (a unit whose parent is unknown becomes a root). */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  for (const u of sortUnits(units)) nodes.set(u.id, { unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of the unit's ancestors, nearest last, from the materialised path "/1/5/9/". */
export function ancestorIds(unit: Pick<Unit, 'path' | 'id'>): number[] {
  return unit.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => Number.isInteger(id) && id !== unit.id);
}

/** Whether `unit` is `ancestor` itself or lies below it. */
export function isWithin(unit: Pick<Unit, 'path'>, ancestor: Pick<Unit, 'path'>): boolean {
  return unit.path.startsWith(ancestor.path);
}

export function errorDetails(details: unknown): Record<string, unknown> {
  return details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {};
}

/** Copies text to the clipboard, falling back to a hidden text area on plain-http intranets. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(area);
  return ok;
}

/**
 * A fresh idempotency key for one form submission. `crypto.randomUUID` exists only in secure
 * contexts, so on a plain-http intranet the key is made from `getRandomValues` instead.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A unit's name that stands on its own: units below a county or department carry their parent's
 * name in front ("离石区发展和改革局", "市政府办公室督查室"), since many share a name.
 */
export function unitFullName(unit: Pick<Unit, 'name' | 'parentId'>, byId: ReadonlyMap<number, Pick<Unit, 'name' | 'parentId'>>): string {
  const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
  if (!parent || parent.parentId === null) return unit.name;
  return parent.name + unit.name;
}

/** Saves a file made in the browser through its download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
