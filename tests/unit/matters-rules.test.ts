import { describe, expect, it } from 'vitest';
import {
  MATTER_ACTIONS,
  MATTER_STATES,
  TRANSITIONS,
  escalationOf,
  explainReason,
  lightOf,
  nextState,
  sameLit,
  dayInChina,
  type MatterAction,
  type MatterState,
  type OpenDeadline,
} from '../../src/domain/matters.ts';

/** Where each step leads from each state, written out by hand (13710 kind, then suggestion kind). */
const REVIEW_KIND: Partial<Record<MatterAction, Partial<Record<MatterState, MatterState>>>> = {
  assign: { submitted: 'assigned', sent_back: 'assigned' },
  reassign: { assigned: 'assigned', in_progress: 'assigned', sent_back: 'assigned' },
  sign: { assigned: 'in_progress' },
  send_back: { assigned: 'sent_back', in_progress: 'sent_back' },
  report: { in_progress: 'in_progress' },
  assist_view: { assigned: 'assigned', in_progress: 'in_progress' },
  file_plan: { in_progress: 'in_progress' },
  request_extension: { assigned: 'assigned', in_progress: 'in_progress' },
  approve_extension: { assigned: 'assigned', in_progress: 'in_progress' },
  reject_extension: { assigned: 'assigned', in_progress: 'in_progress' },
  request_closure: { in_progress: 'closure_requested' },
  accept: { closure_requested: 'closed' },
  return: { closure_requested: 'in_progress' },
  reply: {},
  rate: {},
};

describe('the workflow state machine', () => {
  const cases: [MatterAction, MatterState, MatterState | null][] = [];
  for (const a of MATTER_ACTIONS) for (const s of MATTER_STATES) cases.push([a, s, REVIEW_KIND[a]?.[s] ?? null]);

  it.each(cases)('a meeting decision: %s from %s → %s', (action, state, to) => {
    const r = nextState({ state, source: 'meeting' }, action);
    if (to === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, to });
  });

  it('a suggestion is answered by a reply and closed by the rating; an unsatisfied rating reopens it', () => {
    const s = { source: 'suggestion' as const };
    expect(nextState({ ...s, state: 'in_progress' }, 'reply')).toEqual({ ok: true, to: 'replied' });
    expect(nextState({ ...s, state: 'replied' }, 'rate', { rating: 'satisfied' })).toEqual({ ok: true, to: 'closed' });
    expect(nextState({ ...s, state: 'replied' }, 'rate', { rating: 'basically' })).toEqual({ ok: true, to: 'closed' });
    expect(nextState({ ...s, state: 'replied' }, 'rate', { rating: 'unsatisfied' })).toEqual({ ok: true, to: 'in_progress' });
    const noReview = nextState({ ...s, state: 'in_progress' }, 'request_closure');
    expect(noReview).toMatchObject({ ok: false, refusal: { reason: 'wrong_kind' } });
    expect(nextState({ ...s, state: 'closure_requested' }, 'accept')).toMatchObject({ ok: false, refusal: { reason: 'wrong_kind' } });
  });

  it('a refusal names the current state and the states the step needs', () => {
    const r = nextState({ state: 'closed', source: 'rectification' }, 'report');
    expect(r).toEqual({
      ok: false,
      refusal: { reason: 'wrong_state', zh: '事项当前为「已办结」，不能「反馈进展」（仅限：办理中）', en: 'The matter is "Closed"; "Report progress" is only possible when "In progress"' },
    });
  });

  it('every step belongs to one side', () => {
    expect(Object.fromEntries(MATTER_ACTIONS.map((a) => [a, TRANSITIONS[a].side]))).toEqual({
      assign: 'assigner',
      reassign: 'assigner',
      sign: 'lead',
      send_back: 'lead',
      report: 'lead',
      assist_view: 'assist',
      file_plan: 'lead',
      request_extension: 'lead',
      approve_extension: 'assigner',
      reject_extension: 'assigner',
      request_closure: 'lead',
      accept: 'assigner',
      return: 'assigner',
      reply: 'lead',
      rate: 'proposer',
    });
  });
});

const D = (step: string, kind: OpenDeadline['kind'], due: string): OpenDeadline => ({ step, kind, due, zh: step, en: step });

describe('warning lights', () => {
  const open = [D('deploy', 'deploy', '2026-03-02'), D('progress', 'report', '2026-03-05'), D('complete', 'complete', '2026-03-09'), D('send_back', 'window', '2026-03-01')];

  it('nothing is lit while every limit is ahead and the completion more than the blue days away', () => {
    expect(lightOf('in_progress', open, '2026-03-02', 2)).toEqual({ light: 'none', lit: [] });
  });

  it('blue from blueDays before the completion deadline through its day, never for a report or a window', () => {
    const ahead = [D('complete', 'complete', '2026-03-09'), D('progress', 'report', '2026-03-09')];
    expect(lightOf('in_progress', ahead, '2026-03-06', 2).light).toBe('none');
    expect(lightOf('in_progress', ahead, '2026-03-07', 2).lit).toEqual([{ light: 'blue', step: 'complete', due: '2026-03-09', labelZh: 'complete', labelEn: 'complete' }]);
    expect(lightOf('in_progress', ahead, '2026-03-09', 2).light).toBe('blue');
    expect(lightOf('in_progress', ahead, '2026-03-06', 3).light).toBe('blue');
  });

  it('yellow for a missing report, red for a passed completion or milestone; the worst and earliest first', () => {
    const y = lightOf('in_progress', open, '2026-03-06', 2);
    expect(y.light).toBe('yellow');
    expect(y.lit.map((r) => r.step)).toEqual(['deploy', 'progress']);
    const r = lightOf('in_progress', [...open, D('milestone_1', 'milestone', '2026-03-08')], '2026-03-10', 2);
    expect(r.lit.map((x) => `${x.light}:${x.step}`)).toEqual(['red:milestone_1', 'red:complete', 'yellow:deploy', 'yellow:progress']);
  });

  it('a matter waiting for review or rating, filed, sent back or closed is not lit', () => {
    for (const s of ['closure_requested', 'replied', 'submitted', 'sent_back', 'closed'] as const) {
      expect(lightOf(s, open, '2026-04-01', 2), s).toEqual({ light: 'none', lit: [] });
    }
  });

  it('the lit deadlines do not change from one day to the next while the light stays: nothing to rewrite', () => {
    const a = lightOf('in_progress', open, '2026-03-11', 2);
    const b = lightOf('in_progress', open, '2026-03-20', 2);
    expect(sameLit(a.lit, b.lit)).toBe(true);
    expect(sameLit(a.lit, lightOf('in_progress', open, '2026-03-06', 2).lit)).toBe(false);
    // key order as jsonb returns it does not matter
    const reordered = a.lit.map((x) => ({ labelEn: x.labelEn, due: x.due, step: x.step, labelZh: x.labelZh, light: x.light }));
    expect(sameLit(a.lit, reordered)).toBe(true);
  });

  it('a reason is explained with its day count on the day it is read', () => {
    const red = { light: 'red' as const, step: 'complete', due: '2026-03-09', labelZh: '一般事项7日内办结', labelEn: 'Completed within 7 days' };
    expect(explainReason(red, '2026-03-11')).toEqual({ light: 'red', step: 'complete', due: '2026-03-09', days: 2, zh: '已逾期2天：一般事项7日内办结（时限2026-03-09）', en: '2 day(s) overdue: Completed within 7 days (due 2026-03-09)' });
    const blue = { ...red, light: 'blue' as const };
    expect(explainReason(blue, '2026-03-09').zh).toBe('今日到期：一般事项7日内办结');
    expect(explainReason(blue, '2026-03-08').zh).toBe('临近时限：一般事项7日内办结（2026-03-09，剩1天）');
    expect(explainReason({ ...red, light: 'yellow' }, '2026-03-12').zh).toBe('未按时报送：一般事项7日内办结（时限2026-03-09，已过3天）');
  });
});

describe('escalation', () => {
  const lit = lightOf('in_progress', [D('complete', 'complete', '2026-03-09'), D('progress', 'report', '2026-03-01')], '2026-03-10', 2).lit;
  it('the unit head from the first overdue day, the leader from the configured day; a missing report alone never escalates', () => {
    expect(escalationOf(lit, '2026-03-09', 3)).toBe(0);
    expect(escalationOf(lit, '2026-03-10', 3)).toBe(1);
    expect(escalationOf(lit, '2026-03-11', 3)).toBe(1);
    expect(escalationOf(lit, '2026-03-12', 3)).toBe(2);
    expect(escalationOf(lit.filter((r) => r.light === 'yellow'), '2026-04-30', 3)).toBe(0);
  });
});

describe('today in China', () => {
  it('is the UTC+8 calendar day: 16:00 UTC on 1 March is already 2 March there', () => {
    expect(dayInChina(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(dayInChina(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
