/** The matter statistics contract: counts and rates per unit, source or leader, the ranking, and the overdue list. */
import { z } from 'zod';
import { MATTER_SOURCES } from '../../domain/matters.ts';
import { Day } from '../matters/schema.ts';

export const STATS_GROUPINGS = ['unit', 'source', 'leader'] as const;

export const StatsQuery = z.strictObject({
  source: z.enum(MATTER_SOURCES).optional(),
  /** Matters assigned on or after this day. */
  from: Day.optional(),
  /** Matters assigned on or before this day. */
  to: Day.optional(),
  /** Group by lead unit (主办单位), by source, or by the responsible leader. */
  by: z.enum(STATS_GROUPINGS).default('unit'),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

/** An exact fraction and its percentage rounded to 0.1 % (null when there is nothing to measure). */
export const Rate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  percent: z.number().nullable(),
  text: z.string().nullable(),
});

export const Tally = z.object({
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  overdue: z.number().int(),
  /** 办结率: closed / total. */
  closureRate: Rate,
  /** 按期办结率: closed on time / closed. */
  onTimeRate: Rate,
  avgDaysToClose: z.number().nullable(),
  /** Suggestions and proposals: 办结率 as reported for them (replied on time / assigned) and 满意率. */
  replies: z.object({
    total: z.number().int(),
    repliedOnTime: z.number().int(),
    repliedOnTimeRate: Rate,
    rated: z.number().int(),
    satisfied: z.number().int(),
    satisfactionRate: Rate,
    unsatisfied: z.number().int(),
  }),
});

export const StatsGroup = Tally.extend({
  key: z.string(),
  label: z.string(),
  unitId: z.number().int().nullable(),
  leaderId: z.number().int().nullable(),
  source: z.enum(MATTER_SOURCES).nullable(),
});
export type StatsGroup = z.infer<typeof StatsGroup>;

export const RankingEntry = z.object({
  rank: z.number().int(),
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  closed: z.number().int(),
  onTimeRate: Rate,
  closureRate: Rate,
});

export const OverdueMatter = z.object({
  matterId: z.number().int(),
  code: z.string(),
  title: z.string(),
  source: z.enum(MATTER_SOURCES),
  leadUnitId: z.number().int().nullable(),
  leadUnit: z.string().nullable(),
  dueOn: z.string().nullable(),
  daysOverdue: z.number().int(),
  leaderId: z.number().int().nullable(),
  leader: z.string().nullable(),
});

export const MatterStats = z.object({
  by: z.enum(STATS_GROUPINGS),
  source: z.enum(MATTER_SOURCES).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The day the figures are for (China time). */
  asOf: z.string(),
  totals: Tally,
  groups: z.array(StatsGroup),
  ranking: z.array(RankingEntry),
  overdue: z.array(OverdueMatter),
});
export type MatterStats = z.infer<typeof MatterStats>;
