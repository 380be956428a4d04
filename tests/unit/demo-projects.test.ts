import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_AS_OF, DEMO_CAMPAIGN_YEAR, REAL_PROJECTS, generateCampaign, type DemoProject } from '../../src/demo/projects-data.ts';
import { COUNTIES, COUNTY_OFFICES, DEPARTMENTS, LEADERS } from '../../src/demo/lvliang.ts';
import { isValidDay } from '../../src/domain/calendar.ts';
import {
  APPROVAL_KINDS,
  PROBLEM_LEVELS,
  PROBLEM_TYPES,
  PROJECT_CATEGORIES,
  PROJECT_STAGES,
  checkStage,
  leadPoints,
  wholeMonths,
  type ProjectCategory,
  type ProjectStage,
} from '../../src/domain/projects.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const YI = 100_000_000;
const WAN = 10_000;
const AS_OF = DEMO_AS_OF;

const projects = generateCampaign();
const share = (n: number, of: number) => n / of;
const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const started = (p: DemoProject) => p.actualStart !== null;
const building = projects.filter((p) => p.stage === 'new_start' || p.stage === 'continuing');
const monthNo = (m: string) => Number(m.slice(5, 7));

/** The months a project should report: from January or its start month to May or its finish month. */
function expectedMonths(p: DemoProject): number[] {
  if (!p.actualStart || !['new_start', 'continuing', 'completed'].includes(p.stage)) return [];
  const from = Number(p.actualStart.slice(0, 4)) < DEMO_CAMPAIGN_YEAR ? 1 : monthNo(p.actualStart);
  const to = p.actualFinish ? monthNo(p.actualFinish) : 5;
  const out: number[] = [];
  for (let m = from; m <= to; m++) out.push(m);
  return out;
}

describe('demo campaign: size and money', () => {
  it('has about 1,092 projects with unique codes', () => {
    expect(projects.length).toBeGreaterThanOrEqual(1050);
    expect(projects.length).toBe(1092);
    const codes = projects.map((p) => p.code);
    expect(new Set(codes).size).toBe(projects.length);
    for (const c of codes) expect(c).toMatch(/^LL2023-\d{4}$/);
  });

  it('totals ¥420–480 billion, plans at least ¥100 billion this year (about ¥115–130 billion)', () => {
    const total = sum(projects.map((p) => p.totalYuan));
    const planned = sum(projects.map((p) => p.plannedYuan));
    expect(total).toBeGreaterThanOrEqual(4200 * YI);
    expect(total).toBeLessThanOrEqual(4800 * YI);
    expect(planned).toBeGreaterThanOrEqual(1000 * YI);
    expect(planned).toBeGreaterThanOrEqual(1150 * YI);
    expect(planned).toBeLessThanOrEqual(1300 * YI);
  });

  it('keeps money in whole 万元, planned within total', () => {
    for (const p of projects) {
      expect(Number.isSafeInteger(p.totalYuan)).toBe(true);
      expect(p.totalYuan % WAN).toBe(0);
      expect(p.plannedYuan % WAN).toBe(0);
      expect(p.totalYuan).toBeGreaterThan(0);
      expect(p.plannedYuan).toBeGreaterThanOrEqual(0);
      expect(p.plannedYuan).toBeLessThanOrEqual(p.totalYuan);
      if (p.stage !== 'pipeline') expect(p.plannedYuan).toBeGreaterThan(0);
    }
  });

  it('has skewed sizes: about half over ¥100 million, a few of ¥5–20 billion', () => {
    const over = count(projects, (p) => p.totalYuan > YI);
    expect(share(over, projects.length)).toBeGreaterThan(0.43);
    expect(share(over, projects.length)).toBeLessThan(0.57);
    const sizes = projects.map((p) => p.totalYuan).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)] as number;
    const mean = sum(sizes) / sizes.length;
    expect(mean / median).toBeGreaterThan(2.5);
    const big = count(projects, (p) => p.totalYuan >= 50 * YI);
    expect(big).toBeGreaterThanOrEqual(3);
    expect(big).toBeLessThanOrEqual(25);
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(200 * YI);
    expect(count(projects, (p) => p.totalYuan < 5_000_000)).toBeGreaterThan(0);
  });
});

describe('demo campaign: units, categories, names', () => {
  it('puts projects in every county-level unit, more in the larger economies', () => {
    const byUnit = new Map<string, number>();
    for (const p of projects) byUnit.set(p.unit, (byUnit.get(p.unit) ?? 0) + 1);
    expect([...byUnit.keys()].sort()).toEqual(COUNTIES.map((c) => c.name).sort());
    const larger = ['孝义市', '离石区', '汾阳市', '交城县', '文水县', '柳林县', '吕梁经济技术开发区'];
    const smaller = COUNTIES.map((c) => c.name).filter((n) => !larger.includes(n));
    const minLarger = Math.min(...larger.map((n) => byUnit.get(n) ?? 0));
    const maxSmaller = Math.max(...smaller.map((n) => byUnit.get(n) ?? 0));
    expect(minLarger).toBeGreaterThan(maxSmaller);
    for (const n of smaller) expect(byUnit.get(n) ?? 0).toBeGreaterThanOrEqual(20);
  });

  it('spreads categories 50/20/14/7/6/3 %', () => {
    const target: Record<ProjectCategory, number> = { industry: 0.5, infrastructure: 0.2, livelihood: 0.14, ecology: 0.07, culture_tourism: 0.06, other: 0.03 };
    for (const c of PROJECT_CATEGORIES) expect(Math.abs(share(count(projects, (p) => p.category === c), projects.length) - target[c])).toBeLessThan(0.025);
    for (const p of projects) expect(PROJECT_CATEGORIES).toContain(p.category);
  });

  it('names projects uniquely within each unit, in the style of the registry', () => {
    const seen = new Set<string>();
    for (const p of projects) {
      const key = `${p.unit}|${p.name}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(p.name).not.toMatch(/\s/);
      if (!p.real) expect(p.name).toMatch(/(项目|工程)$/);
      expect(p.content.length).toBeGreaterThan(15);
      expect(p.content).not.toMatch(/undefined|NaN|\{/);
    }
    // Most names carry the unit (its name or its short name); the zone writes 吕梁经开区 or 吕梁.
    const carries = count(projects, (p) => {
      const c = COUNTIES.find((x) => x.name === p.unit);
      return !!c && (p.name.includes(c.name) || p.name.includes(c.shortName) || (c.kind === 'zone' && p.name.startsWith('吕梁')));
    });
    expect(share(carries, projects.length)).toBeGreaterThan(0.75);
    // The templates the brief names occur.
    for (const re of [/年产.+万吨.+项目$/, /道路提质改造工程$/, /人民医院门诊楼建设项目$/, /光伏发电项目$/, /污水处理厂提标改造项目$/, /景区基础设施提升项目$/]) {
      expect(projects.some((p) => re.test(p.name)), String(re)).toBe(true);
    }
  });

  it('assigns a responsible department, the leader in charge and a task force', () => {
    const depts = new Set(DEPARTMENTS.map((d) => d.name));
    let cityDepts = 0;
    for (const p of projects) {
      const own = COUNTY_OFFICES.map((o) => `${p.unit}/${o}`);
      expect(depts.has(p.dept) || own.includes(p.dept), p.dept).toBe(true);
      if (depts.has(p.dept)) cityDepts++;
      const leader = LEADERS.find((l) => l.name === p.leader);
      expect(leader, p.leader).toBeDefined();
      expect(leader?.charges.includes(p.unit) || leader?.charges.includes(p.dept)).toBe(true);
      expect(p.taskForce.length).toBeGreaterThanOrEqual(2);
      expect(p.taskForce.length).toBeLessThanOrEqual(4);
      for (const m of p.taskForce) expect(m).toMatch(/^[\u4e00-\u9fa5]{2,3}（[\u4e00-\u9fa5]+）$/);
      expect(new Set(p.taskForce.map((m) => m.slice(0, m.indexOf('（')))).size).toBe(p.taskForce.length);
      expect(p.tags.length).toBeGreaterThan(0);
      expect(p.location.startsWith(p.unit)).toBe(true);
    }
    expect(cityDepts).toBeGreaterThan(50);
    expect(cityDepts).toBeLessThan(projects.length / 2);
  });

  it('places coordinates inside Lüliang, each unit around its own centre', () => {
    const byUnit = new Map<string, DemoProject[]>();
    for (const p of projects) {
      expect((p.lng === null) === (p.lat === null)).toBe(true);
      if (p.lng === null || p.lat === null) continue;
      expect(p.lng).toBeGreaterThanOrEqual(110.3);
      expect(p.lng).toBeLessThanOrEqual(112.3);
      expect(p.lat).toBeGreaterThanOrEqual(36.7);
      expect(p.lat).toBeLessThanOrEqual(38.7);
      byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
    }
    const centres = new Map([...byUnit].map(([u, ps]) => [u, [sum(ps.map((p) => p.lng as number)) / ps.length, sum(ps.map((p) => p.lat as number)) / ps.length] as const]));
    for (const [u, ps] of byUnit) {
      const [x, y] = centres.get(u) as readonly [number, number];
      for (const p of ps) expect(Math.hypot((p.lng as number) - x, (p.lat as number) - y)).toBeLessThan(0.2);
    }
    const xi = centres.get('兴县') as readonly [number, number];
    const jk = centres.get('交口县') as readonly [number, number];
    expect(xi[1] - jk[1]).toBeGreaterThan(1); // 兴县 lies well north of 交口县
  });
});

describe('demo campaign: real projects from the documents', () => {
  const fixtures = path.join(ROOT, 'tests/fixtures/extract');
  const text = new Map<string, string>();
  const squeezed = (file: string) => {
    if (!text.has(file)) text.set(file, fs.readFileSync(path.join(fixtures, file), 'utf8').replace(/\s+/g, ''));
    return text.get(file) as string;
  };

  it('quotes each from its document, with the extraction artefacts removed', () => {
    expect(REAL_PROJECTS.length).toBeGreaterThanOrEqual(8);
    for (const r of REAL_PROJECTS) {
      expect(r.name).not.toMatch(/\s/);
      expect(r.quote).not.toMatch(/\s/);
      expect(squeezed(r.source), `${r.quote} in ${r.source}`).toContain(r.quote);
      expect(COUNTIES.map((c) => c.name)).toContain(r.unit);
    }
    expect(new Set(REAL_PROJECTS.map((r) => r.source)).size).toBeGreaterThanOrEqual(3);
  });

  it('includes each as a project with real: true, in its unit and category', () => {
    for (const r of REAL_PROJECTS) {
      const found = projects.filter((p) => p.name === r.name && p.unit === r.unit);
      expect(found.length, r.name).toBe(1);
      expect(found[0]?.real).toBe(true);
      expect(found[0]?.category).toBe(r.category);
      expect(found[0]?.totalYuan).toBe(r.totalWan * WAN);
    }
    expect(count(projects, (p) => p.real)).toBe(REAL_PROJECTS.length);
  });

  it('has the ones the brief names', () => {
    const names = REAL_PROJECTS.map((r) => r.name);
    expect(names).toContain('吕农2×10万吨有机肥加工二期项目');
    expect(names).toContain('中润15万吨合金棒项目');
    expect(names).toContain('牛栏山二锅头文水白酒基地项目');
    expect(names.some((n) => n.includes('信发化工'))).toBe(true);
    expect(names.some((n) => n.includes('数据中心'))).toBe(true);
    expect(REAL_PROJECTS.find((r) => r.name === '牛栏山二锅头文水白酒基地项目')?.unit).toBe('文水县');
  });
});

describe('demo campaign: stages and dates as of 2023-05-31', () => {
  it('spreads stages 45/40/10/2/3 %, the not-yet-started planned starts counting as 前期', () => {
    const target: Record<ProjectStage, number> = { new_start: 0.45, continuing: 0.4, preparation: 0.1, pipeline: 0.02, completed: 0.03 };
    const tol: Record<ProjectStage, number> = { new_start: 0.04, continuing: 0.03, preparation: 0.03, pipeline: 0.012, completed: 0.015 };
    for (const s of PROJECT_STAGES) expect(Math.abs(share(count(projects, (p) => p.stage === s), projects.length) - target[s]), s).toBeLessThan(tol[s]);
  });

  it('holds the stage rules and the date rules for every project', () => {
    for (const p of projects) {
      expect(checkStage(null, p.stage, { actualStart: p.actualStart, actualFinish: p.actualFinish }), p.code).toBeNull();
      for (const d of [p.plannedStart, p.plannedFinish, p.actualStart, p.actualFinish, p.registeredOn]) if (d !== null) expect(isValidDay(d), d).toBe(true);
      if (p.plannedStart && p.plannedFinish) expect(p.plannedFinish > p.plannedStart).toBe(true);
      if (p.actualStart) expect(p.actualStart <= AS_OF).toBe(true);
      switch (p.stage) {
        case 'new_start':
          expect(p.actualStart! >= '2023-01-01' && p.actualStart! <= AS_OF).toBe(true);
          expect(p.plannedStart?.startsWith('2023-')).toBe(true);
          expect(p.actualFinish).toBeNull();
          break;
        case 'continuing':
          expect(p.actualStart! >= '2020-01-01' && p.actualStart! < '2023-01-01').toBe(true);
          expect(p.actualFinish).toBeNull();
          break;
        case 'completed':
          expect(p.actualFinish! >= '2023-01-01' && p.actualFinish! <= AS_OF).toBe(true);
          expect(p.actualFinish! >= p.actualStart!).toBe(true);
          break;
        case 'preparation':
          expect(p.actualStart).toBeNull();
          expect(p.plannedStart?.startsWith('2023-')).toBe(true);
          break;
        case 'pipeline':
          expect(p.actualStart).toBeNull();
          expect(p.plannedStart === null || p.plannedStart >= '2024-01-01').toBe(true);
          expect(p.plannedYuan).toBe(0);
          break;
      }
      if (p.startDelayReason) expect(p.actualStart).toBeNull();
    }
  });

  it('starts most 2023 projects in January–May; about 5 % planned for January–April have not started', () => {
    const newStarts = projects.filter((p) => p.stage === 'new_start');
    expect(count(newStarts, (p) => p.actualStart! < '2023-03-01')).toBeGreaterThan(50);
    expect(count(newStarts, (p) => p.actualStart! >= '2023-05-01')).toBeGreaterThan(30);
    const due = projects.filter((p) => !started(p) && p.plannedStart !== null && p.plannedStart >= '2023-01-01' && p.plannedStart <= '2023-04-30');
    expect(Math.abs(share(due.length, projects.length) - 0.05)).toBeLessThan(0.015);
    const redLate = due.filter((p) => wholeMonths(p.plannedStart as string, AS_OF) >= 3 && !p.startDelayReason);
    expect(redLate.length).toBeGreaterThanOrEqual(10);
    const excused = due.filter((p) => p.startDelayReason);
    expect(excused.length).toBeGreaterThanOrEqual(3);
    expect(excused.length).toBeLessThan(due.length / 3);
    const later = projects.filter((p) => p.stage === 'preparation' && p.plannedStart! > '2023-05-31');
    expect(share(later.length, projects.length)).toBeGreaterThan(0.05);
  });

  it('registers most started projects of ¥5 million or more within 40 days; about 4 % are not', () => {
    const must = projects.filter((p) => started(p) && p.totalYuan >= 5_000_000);
    const missing = must.filter((p) => !p.registered);
    expect(Math.abs(share(missing.length, must.length) - 0.04)).toBeLessThan(0.015);
    expect(count(missing, (p) => wholeMonths(p.actualStart as string, AS_OF) >= 2)).toBeGreaterThanOrEqual(5);
    for (const p of projects) {
      if (!p.registered) {
        expect(p.registeredOn).toBeNull();
        continue;
      }
      expect(started(p)).toBe(true);
      const days = (Date.parse(p.registeredOn as string) - Date.parse(p.actualStart as string)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThanOrEqual(40);
      expect(p.registeredOn! <= AS_OF).toBe(true);
    }
    expect(count(projects, (p) => !started(p) && p.registered)).toBe(0);
  });

  it('has approvals done before the start for started projects, a mix for preparation', () => {
    let done = 0;
    let all = 0;
    for (const p of projects.filter(started)) {
      for (const k of APPROVAL_KINDS) {
        const a = p.approvals[k];
        expect(a, `${p.code} ${k}`).toBeDefined();
        all++;
        if (a?.status === 'done') {
          done++;
          expect(a.date && a.date < (p.actualStart as string), `${p.code} ${k} ${a.date}`).toBe(true);
        }
      }
    }
    expect(share(done, all)).toBeGreaterThan(0.9);
    const prep = projects.filter((p) => p.stage === 'preparation').flatMap((p) => APPROVAL_KINDS.map((k) => p.approvals[k]));
    for (const status of ['pending', 'in_progress', 'done'] as const) expect(share(count(prep, (a) => a?.status === status), prep.length), status).toBeGreaterThan(0.1);
    for (const a of prep) if (a?.status === 'done') expect(a.date! <= AS_OF).toBe(true);
    else expect(a?.date).toBeNull();
  });
});

describe('demo campaign: monthly reports', () => {
  it('reports only for the months the project was building, in whole 万元', () => {
    for (const p of projects) {
      const months = p.reports.map((r) => monthNo(r.month));
      const expected = expectedMonths(p);
      const withoutMay = expected.filter((m) => m !== 5);
      expect(months.join() === expected.join() || months.join() === withoutMay.join(), `${p.code} ${months} vs ${expected}`).toBe(true);
      for (const r of p.reports) {
        expect(r.month.startsWith('2023-')).toBe(true);
        expect(r.completedYuan % WAN).toBe(0);
        expect(r.completedYuan).toBeGreaterThanOrEqual(0);
        expect(r.progress).toMatch(/[\u4e00-\u9fa5]/);
        expect(r.progress).not.toMatch(/\{|undefined|NaN/);
      }
      if (p.stage !== 'completed') expect(sum(p.reports.map((r) => r.completedYuan))).toBeLessThanOrEqual(p.plannedYuan);
    }
    expect(count(projects, (p) => (p.stage === 'preparation' || p.stage === 'pipeline') && p.reports.length > 0)).toBe(0);
    expect(new Set(projects.flatMap((p) => p.reports.map((r) => r.progress))).size).toBeGreaterThan(300);
  });

  it('keeps January–February lower than March–May', () => {
    const byMonth = [1, 2, 3, 4, 5].map((m) => sum(projects.flatMap((p) => p.reports.filter((r) => monthNo(r.month) === m).map((r) => r.completedYuan))));
    const winter = ((byMonth[0] as number) + (byMonth[1] as number)) / 2;
    const spring = ((byMonth[2] as number) + (byMonth[3] as number) + (byMonth[4] as number)) / 3;
    expect(winter).toBeLessThan(spring * 0.6);
  });

  it('spreads the completion rate around the pace: most within ±10 points, ~15 % lag 10–30, ~5 % more, ~15 % lead', () => {
    const points = building.map((p) => leadPoints(sum(p.reports.map((r) => r.completedYuan)), p.plannedYuan, 5) as number);
    const n = points.length;
    expect(Math.abs(share(count(points, (x) => x >= -10 && x <= 10), n) - 0.65)).toBeLessThan(0.05);
    expect(Math.abs(share(count(points, (x) => x < -10 && x >= -30), n) - 0.15)).toBeLessThan(0.04);
    expect(Math.abs(share(count(points, (x) => x < -30), n) - 0.05)).toBeLessThan(0.025);
    expect(Math.abs(share(count(points, (x) => x > 10), n) - 0.15)).toBeLessThan(0.04);
  });

  it('accepts January–April; May is mostly accepted, some confirmed, submitted, returned or missing', () => {
    for (const p of projects) for (const r of p.reports) if (monthNo(r.month) < 5) expect(r.state).toBe('accepted');
    const due = projects.filter((p) => expectedMonths(p).includes(5));
    const may = due.map((p) => p.reports.find((r) => r.month === '2023-05'));
    const n = due.length;
    expect(Math.abs(share(count(may, (r) => r === undefined), n) - 0.08)).toBeLessThan(0.025);
    expect(Math.abs(share(count(may, (r) => r?.state === 'accepted'), n) - 0.75)).toBeLessThan(0.04);
    expect(Math.abs(share(count(may, (r) => r?.state === 'confirmed'), n) - 0.08)).toBeLessThan(0.025);
    expect(Math.abs(share(count(may, (r) => r?.state === 'submitted'), n) - 0.06)).toBeLessThan(0.025);
    expect(Math.abs(share(count(may, (r) => r?.state === 'returned'), n) - 0.03)).toBeLessThan(0.015);
    for (const p of projects) {
      for (const r of p.reports) {
        if (r.state === 'returned') expect(r.returnReason).toMatch(/请/);
        else expect(r.returnReason).toBeUndefined();
      }
    }
  });

  it('submits mostly on the 18th–25th, about 5 % late, never before the start', () => {
    const reports = projects.flatMap((p) => p.reports.map((r) => ({ p, r })));
    for (const { p, r } of reports) {
      expect(isValidDay(r.submittedOn)).toBe(true);
      expect(r.submittedOn.slice(0, 7)).toBe(r.month);
      expect(r.submittedOn >= (p.actualStart as string)).toBe(true);
      expect(r.submittedOn <= AS_OF).toBe(true);
    }
    const day = (r: { submittedOn: string }) => Number(r.submittedOn.slice(8, 10));
    const late = count(reports, ({ r }) => day(r) > 25);
    expect(Math.abs(share(late, reports.length) - 0.05)).toBeLessThan(0.025);
    expect(share(count(reports, ({ r }) => day(r) >= 18 && day(r) <= 25), reports.length)).toBeGreaterThan(0.9);
  });

  it('writes progress that suits the works and the stage', () => {
    const last = (p: DemoProject) => p.reports[p.reports.length - 1]?.progress ?? '';
    for (const p of projects.filter((x) => x.stage === 'completed')) expect(last(p)).toMatch(/竣工|完工|建成/);
    const firstOfNew = projects.filter((p) => p.stage === 'new_start' && p.reports.length > 0).map((p) => p.reports[0]?.progress ?? '');
    expect(share(count(firstOfNew, (t) => /开工/.test(t)), firstOfNew.length)).toBeGreaterThan(0.8);
    const solar = projects.filter((p) => p.name.endsWith('光伏发电项目') && p.reports.length > 0);
    expect(solar.length).toBeGreaterThan(0);
    for (const p of solar) expect(p.reports.map((r) => r.progress).join()).toMatch(/光伏|组件|支架|升压站|并网/);
  });
});

describe('demo campaign: problems', () => {
  const withProblems = projects.filter((p) => p.problems.length > 0);
  const problems = projects.flatMap((p) => p.problems.map((q) => ({ p, q })));

  it('gives about 12 % of the projects one or two typed problems', () => {
    expect(Math.abs(share(withProblems.length, projects.length) - 0.12)).toBeLessThan(0.02);
    for (const p of withProblems) expect(p.problems.length).toBeLessThanOrEqual(2);
    for (const { p, q } of problems) {
      expect(PROBLEM_TYPES).toContain(q.type);
      expect(PROBLEM_LEVELS).toContain(q.level);
      expect(q.title.length).toBeGreaterThan(4);
      expect(q.content).toContain(p.name);
    }
    expect(problems.some(({ q }) => q.title === '项目用地报批进度慢' || q.title === '配套电网接入未落实')).toBe(true);
  });

  it('escalates mostly at county level, some to a department or the leader, one or two to dispatch', () => {
    const n = problems.length;
    expect(share(count(problems, ({ q }) => q.level === 'county'), n)).toBeGreaterThan(0.5);
    expect(count(problems, ({ q }) => q.level === 'department')).toBeGreaterThanOrEqual(10);
    expect(count(problems, ({ q }) => q.level === 'leader')).toBeGreaterThanOrEqual(5);
    const dispatch = count(problems, ({ q }) => q.level === 'dispatch');
    expect(dispatch).toBeGreaterThanOrEqual(1);
    expect(dispatch).toBeLessThanOrEqual(2);
  });

  it('sets deadlines in February–July 2023, closes about half, leaves some open past the deadline', () => {
    for (const { q } of problems) {
      for (const d of [q.raisedOn, q.deadline]) expect(isValidDay(d)).toBe(true);
      expect(q.deadline >= '2023-02-01' && q.deadline <= '2023-07-31').toBe(true);
      expect(q.deadline > q.raisedOn).toBe(true);
      expect(q.raisedOn < AS_OF).toBe(true);
      if (q.closedOn !== null) {
        expect(isValidDay(q.closedOn)).toBe(true);
        expect(q.closedOn >= q.raisedOn).toBe(true);
        expect(q.closedOn < AS_OF).toBe(true);
      }
    }
    const closed = count(problems, ({ q }) => q.closedOn !== null);
    expect(Math.abs(share(closed, problems.length) - 0.5)).toBeLessThan(0.1);
    expect(count(problems, ({ q }) => q.closedOn === null && q.deadline < AS_OF)).toBeGreaterThanOrEqual(5);
  });
});

describe('demo campaign: determinism and speed', () => {
  it('gives the same campaign for the same seed and another for another seed', () => {
    expect(generateCampaign(2023)).toEqual(projects);
    expect(generateCampaign()).toEqual(generateCampaign(2023));
    const other = generateCampaign(7);
    expect(other).not.toEqual(projects);
    expect(other.map((p) => p.name)).not.toEqual(projects.map((p) => p.name));
  });

  it('keeps the headline bounds for other seeds', () => {
    for (const seed of [1, 7, 12345]) {
      const ps = generateCampaign(seed);
      expect(ps.length).toBe(1092);
      const total = sum(ps.map((p) => p.totalYuan));
      expect(total).toBeGreaterThanOrEqual(4200 * YI);
      expect(total).toBeLessThanOrEqual(4800 * YI);
      expect(sum(ps.map((p) => p.plannedYuan))).toBeGreaterThanOrEqual(1000 * YI);
      expect(new Set(ps.map((p) => p.unit)).size).toBe(COUNTIES.length);
      expect(new Set(ps.map((p) => `${p.unit}|${p.name}`)).size).toBe(ps.length);
      expect(count(ps, (p) => p.real)).toBe(REAL_PROJECTS.length);
    }
  });

  it('generates the whole campaign in well under a second of CPU time', () => {
    const before = process.cpuUsage();
    generateCampaign(99);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
