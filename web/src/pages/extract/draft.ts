/**
 * The review of a report's draft: one row per extracted item with what the reviewer decided and
 * changed, kept in localStorage under the signed-in user, the file's name and its size, so a
 * refresh (or coming back to the same file) does not lose the work.
 */
import { findDeadline } from '../../../../src/domain/deadlines.ts';
import {
  quantityText,
  type DecompositionRow,
  type DraftResult,
  type ExtractedQuantity,
  type ItemKind,
} from '../../../../src/modules/extract/schema.ts';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import { unitFullName } from '../../util.ts';

export type RowStatus = 'pending' | 'accepted' | 'rejected';

export interface ReviewRow {
  /** The item's place in the extraction (stable key). */
  id: number;
  status: RowStatus;
  kind: ItemKind;
  text: string;
  /** The text as extracted (to tell an edited row). */
  originalText: string;
  quantities: ExtractedQuantity[];
  section: string | null;
  deadline: string | null;
  deadlineText: string | null;
  /** The reviewer chose the date: a change of year leaves it alone. */
  deadlineEdited: boolean;
  /** [start, end) in the document's text. */
  span: [number, number];
  leadUnitId: number | null;
  /** The department the keyword map suggested, and the keyword. */
  leadSuggested: string | null;
  leadKeyword: string | null;
  /** The unit the suggestion resolved to (null if none). */
  suggestedUnitId: number | null;
  /** The suggestion matched no unit of the organisation. */
  leadUnmatched: boolean;
  assistUnitIds: number[];
  note: string;
}

export interface Draft {
  key: string;
  fileName: string;
  size: number;
  year: number | null;
  detectedYear: number | null;
  text: string;
  rows: ReviewRow[];
  /** The document's name in the table's title. */
  document: string;
  step: 0 | 1 | 2;
  savedAt: string;
}

const PREFIX = 'luoshi.extract.';
const CURRENT = (userId: number) => `${PREFIX}current.${userId}`;

/** The storage key of a file's review for a user. */
export const draftKey = (userId: number, fileName: string, size: number): string => `${PREFIX}${userId}.${size}.${fileName}`;

/** A document name for the title: "2020年政府工作报告" when the text says so, else the file's name without extension. */
export function documentName(fileName: string, text: string, year: number | null): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim();
  if (/政府工作报告/.test(base) || !/政府工作报告/.test(text.slice(0, 3000))) return base;
  return year ? `${year}年政府工作报告` : '政府工作报告';
}

export function newDraft(userId: number, file: { name: string; size: number }, result: DraftResult): Draft {
  return {
    key: draftKey(userId, file.name, file.size),
    fileName: result.fileName,
    size: file.size,
    year: result.year,
    detectedYear: result.detectedYear,
    text: result.text,
    document: documentName(result.fileName, result.text, result.year),
    step: 0,
    savedAt: new Date().toISOString(),
    rows: result.items.map((it, id) => ({
      id,
      status: 'pending',
      kind: it.kind,
      text: it.text,
      originalText: it.text,
      quantities: it.quantities,
      section: it.section,
      deadline: it.deadline,
      deadlineText: it.deadlineText,
      deadlineEdited: false,
      span: it.span,
      leadUnitId: it.leadUnitId,
      leadSuggested: it.leadUnit,
      leadKeyword: it.leadKeyword,
      suggestedUnitId: it.leadUnitId,
      leadUnmatched: it.leadUnit !== null && it.leadUnitId === null,
      assistUnitIds: [],
      note: '',
    })),
  };
}

/** The deadlines again against another year; dates the reviewer chose stay. */
export function withYear(draft: Draft, year: number | null): Draft {
  return {
    ...draft,
    year,
    document: draft.document === documentName(draft.fileName, draft.text, draft.year) ? documentName(draft.fileName, draft.text, year) : draft.document,
    rows: draft.rows.map((r) => (r.deadlineEdited || !r.deadlineText ? r : { ...r, deadline: findDeadline(r.deadlineText, year)?.date ?? null })),
  };
}

// ---------------------------------------------------------------- storage

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(key: string): Draft | null {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && Array.isArray(d.rows) && typeof d.text === 'string' ? d : null;
  } catch {
    return null;
  }
}

/** The review the user was last working on. */
export function loadCurrent(userId: number): Draft | null {
  const key = storage()?.getItem(CURRENT(userId));
  return key ? loadDraft(key) : null;
}

/** Saves the review; when the browser's storage is full, older reviews of other files make room. False if it still fails. */
export function saveDraft(userId: number, draft: Draft): boolean {
  const s = storage();
  if (!s) return false;
  const value = JSON.stringify(draft);
  const write = () => {
    s.setItem(draft.key, value);
    s.setItem(CURRENT(userId), draft.key);
  };
  try {
    write();
    return true;
  } catch {
    /* full: drop the other saved reviews, oldest first, until it fits */
  }
  const others = Object.keys(s)
    .filter((k) => k.startsWith(`${PREFIX}${userId}.`) && k !== draft.key)
    .map((k) => ({ k, at: loadDraft(k)?.savedAt ?? '' }))
    .sort((a, b) => a.at.localeCompare(b.at));
  for (const { k } of others) {
    s.removeItem(k);
    try {
      write();
      return true;
    } catch {
      /* still full */
    }
  }
  return false;
}

/** Forgets the current review (the file's saved review is removed too). */
export function clearCurrent(userId: number, key?: string): void {
  const s = storage();
  if (!s) return;
  try {
    if (key) s.removeItem(key);
    s.removeItem(CURRENT(userId));
  } catch {
    /* ignore */
  }
}

// ---------------------------------------------------------------- figures and export

export interface Counts {
  total: number;
  accepted: number;
  rejected: number;
  pending: number;
  /** Rows not rejected that have no lead unit yet. */
  unassigned: number;
}

export function countRows(rows: readonly ReviewRow[]): Counts {
  const c: Counts = { total: rows.length, accepted: 0, rejected: 0, pending: 0, unassigned: 0 };
  for (const r of rows) {
    c[r.status]++;
    if (r.status !== 'rejected' && r.leadUnitId === null) c.unassigned++;
  }
  return c;
}

export const figuresText = (quantities: readonly ExtractedQuantity[]): string => quantities.map(quantityText).join('；');

/** The accepted rows as the export sends them, numbered in the report's order. */
export function exportRows(rows: readonly ReviewRow[], units: readonly Unit[]): DecompositionRow[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const name = (id: number) => {
    const u = byId.get(id);
    return u ? unitFullName(u, byId) : null;
  };
  return rows
    .filter((r) => r.status === 'accepted')
    .map((r, i) => ({
      seq: i + 1,
      kind: r.kind,
      text: r.text.trim(),
      quantities: figuresText(r.quantities),
      section: r.section,
      deadline: r.deadline,
      deadlineText: r.deadlineText,
      leadUnit: r.leadUnitId === null ? null : name(r.leadUnitId),
      assistUnits: r.assistUnitIds.map(name).filter((n): n is string => n !== null),
      note: r.note.trim(),
    }));
}
