/** What the statistics page's parts share: the filters in the URL, group names, rates in words, CSV files. */
import dayjs from 'dayjs';
import { MATTER_SOURCES, SOURCE_LABELS, isReplyKind, type MatterSource } from '../../../../src/domain/matters.ts';
import type { MatterStats, StatsQuery } from '../../../../src/modules/matter-stats/schema.ts';
import type { I18n, MsgKey } from '../../i18n/index.tsx';
import { saveBlob } from '../../util.ts';

export type Grouping = StatsQuery['by'];
export type Rate = MatterStats['totals']['closureRate'];
export type StatsGroup = MatterStats['groups'][number];
export type RankingEntry = MatterStats['ranking'][number];
export type OverdueMatter = MatterStats['overdue'][number];

export const GROUPINGS: readonly Grouping[] = ['unit', 'source', 'leader'];

export const BY_LABELS: Record<Grouping, MsgKey> = { unit: 'stats.by.unit', source: 'stats.by.source', leader: 'stats.by.leader' };
export const COLUMN_LABELS: Record<Grouping, MsgKey> = { unit: 'stats.col.unit', source: 'stats.col.source', leader: 'stats.col.leader' };

export interface StatsFilters {
  source?: MatterSource;
  from?: string;
  to?: string;
  by: Grouping;
}

const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v, 'YYYY-MM-DD').isValid();

/** The filters as the address bar carries them; anything unreadable is left out. */
export function readFilters(params: URLSearchParams): StatsFilters {
  const source = params.get('source');
  const by = params.get('by');
  const from = params.get('from');
  const to = params.get('to');
  return {
    source: source && (MATTER_SOURCES as readonly string[]).includes(source) ? (source as MatterSource) : undefined,
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    by: by && (GROUPINGS as readonly string[]).includes(by) ? (by as Grouping) : 'unit',
  };
}

/** The address bar's query for the filters; the default grouping (by unit) is left out. */
export function writeFilters(f: StatsFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.source) out.source = f.source;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.by !== 'unit') out.by = f.by;
  return out;
}

/** Whether the figures concern suggestions or proposals (their reply and satisfaction rates apply). */
export const showsReplies = (source: MatterSource | undefined, data: MatterStats | null): boolean =>
  (source !== undefined && isReplyKind(source)) || (data?.totals.replies.total ?? 0) > 0;

/** A group's name in the current language: sources and "no leader" are translated, units and leaders are names. */
export function groupName(g: { key: string; label: string }, i18n: Pick<I18n, 't' | 'l'>): string {
  if (g.key.startsWith('source:')) {
    const source = g.key.slice('source:'.length);
    if ((MATTER_SOURCES as readonly string[]).includes(source)) return i18n.l(SOURCE_LABELS[source as MatterSource]);
  }
  if (g.key === 'leader:none') return i18n.t('stats.noLeader');
  return g.label;
}

/** "66.7%" or "—" when there is nothing to measure. */
export const rateText = (r: Rate): string => r.text ?? '—';

/** "（2/3）" in Chinese, " (2/3)" in English. */
export const fractionText = (r: Rate, t: I18n['t']): string => t('stats.kpi.fraction', { n: r.numerator, d: r.denominator });

// ---- CSV files (opened by Excel: UTF-8 with a byte-order mark) ----

type Cell = string | number | null;

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A text starting like a formula is kept as text, never evaluated by the spreadsheet.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Saves `csv` as a file named `name` through the browser's download. */
export function downloadCsv(name: string, csv: string): void {
  saveBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), name);
}

/** A file name safe on every system: no path or reserved characters. */
export const safeFileName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_');
