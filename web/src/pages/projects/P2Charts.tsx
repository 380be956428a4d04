/**
 * The dashboard's charts: the completion rate per county against the pace (a marked line), the
 * cumulative completed investment against the pace curve month by month, the investment per
 * stage and per category, and the lights. Each carries its figures in words.
 *
 * The pace line on the county bars is ECharts' markLine, registered here (not in the shared
 * Chart component) so that only this page's chunk carries it.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { use as useEcharts } from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';
import { PROJECT_STAGES, formatPoints, formatYi, monthNumber, yiOf } from '../../../../src/domain/projects.ts';
import type { Dashboard, Figures, RankedGroup } from '../../../../src/modules/projects/schema.ts';
import { Chart, escapeHtml, truncateLabel, type ChartOption } from '../../components/Chart.tsx';
import { CHART_BASE, TOP_LEGEND, axisTooltip, chartGrid, colonOf, pieLegend, pieSeries, type PieSlice } from '../../components/chartOptions.ts';
import { useI18n, type I18n } from '../../i18n/index.tsx';
import { LIGHTS, LIGHT_COLORS, groupLabel, rateText, shortMonthName } from './P2shared.ts';

useEcharts([MarkLineComponent]);

const COLORS = {
  ahead: '#52c41a',
  behind: '#fa8c16',
  pace: '#722ed1',
  total: '#91caff',
  planned: '#1f5fbf',
  completed: '#13a8a8',
};
const CATEGORY_COLORS = ['#1f5fbf', '#13a8a8', '#52c41a', '#faad14', '#eb2f96', '#8c8c8c'];

interface CountyRow {
  name: string;
  g: RankedGroup;
}

function countyOption(rows: readonly CountyRow[], pace: Figures['pace'], i18n: Pick<I18n, 't' | 'lang'>): ChartOption {
  const { t } = i18n;
  const colon = colonOf(i18n.lang);
  // the axis ends at the next ten above the highest bar or the pace (a bar's label sits to its right)
  const top = Math.max(pace.percent ?? 0, ...rows.map((r) => r.g.figures.completionRate.percent ?? 0));
  return {
    ...CHART_BASE,
    grid: chartGrid(8, 56, 28),
    tooltip: axisTooltip(rows, (row) => {
      const f = row.g.figures;
      return [
        `<b>${escapeHtml(row.name)}</b>`,
        `${escapeHtml(t('projectStats.col.rank'))}${colon}${row.g.rank}`,
        `${escapeHtml(t('projectStats.kpi.completion'))}${colon}${rateText(f.completionRate)}`,
        `${escapeHtml(t('projectStats.col.lead'))}${colon}${escapeHtml(formatPoints(f.leadPoints))}`,
        `${escapeHtml(t('projectStats.kpi.completed'))}${colon}${formatYi(f.completed)} / ${formatYi(f.planned)} ${escapeHtml(t('projectStats.unit.yi'))}`,
      ];
    }),
    xAxis: { type: 'value', min: 0, max: Math.max(10, Math.ceil(top / 10) * 10), axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, formatter: (v: string) => truncateLabel(v, 9), fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        name: t('projectStats.kpi.completion'),
        barMaxWidth: 18,
        data: rows.map((r) => ({
          value: r.g.figures.completionRate.percent ?? 0,
          itemStyle: { color: (r.g.figures.leadPoints ?? -1) >= 0 ? COLORS.ahead : COLORS.behind },
        })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => rateText(rows[p.dataIndex]?.g.figures.completionRate ?? { text: null }) },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLORS.pace, type: 'dashed', width: 2 },
          // the category axis runs top down, so the line's start is at the top
          label: { position: 'start', formatter: t('projectStats.chart.paceMark', { pace: rateText(pace) }), color: COLORS.pace, fontSize: 12 },
          data: [{ xAxis: pace.percent ?? 0 }],
        },
      },
    ],
  };
}

interface SeriesRow {
  month: string;
  completed: number;
  paced: number;
  completionPercent: number | null;
  pacePercent: number;
}

function seriesOption(rows: readonly SeriesRow[], i18n: Pick<I18n, 't' | 'lang'>): ChartOption {
  const { t } = i18n;
  const colon = colonOf(i18n.lang);
  return {
    ...CHART_BASE,
    legend: TOP_LEGEND,
    grid: chartGrid(8, 16, 48),
    tooltip: axisTooltip(
      rows,
      (row) => [
        `<b>${escapeHtml(shortMonthName(row.month, t))}</b>`,
        `${escapeHtml(t('projectStats.series.completed'))}${colon}${formatYi(row.completed)} ${escapeHtml(t('projectStats.unit.yi'))}（${row.completionPercent === null ? '—' : row.completionPercent.toFixed(1) + '%'}）`,
        `${escapeHtml(t('projectStats.series.paced'))}${colon}${formatYi(row.paced)} ${escapeHtml(t('projectStats.unit.yi'))}（${row.pacePercent.toFixed(1)}%）`,
      ],
      false,
    ),
    xAxis: { type: 'category', boundaryGap: false, data: rows.map((r) => shortMonthName(r.month, t)) },
    yAxis: { type: 'value', name: t('projectStats.unit.yi'), nameTextStyle: { align: 'left' } },
    series: [
      {
        type: 'line',
        name: t('projectStats.series.completed'),
        symbolSize: 7,
        itemStyle: { color: COLORS.completed },
        areaStyle: { opacity: 0.12 },
        data: rows.map((r) => yiOf(r.completed)),
      },
      {
        type: 'line',
        name: t('projectStats.series.paced'),
        symbolSize: 5,
        itemStyle: { color: COLORS.pace },
        lineStyle: { type: 'dashed', width: 2 },
        data: rows.map((r) => yiOf(r.paced)),
      },
    ],
  };
}

function stageOption(rows: readonly { name: string; f: Figures }[], i18n: Pick<I18n, 't' | 'lang'>): ChartOption {
  const { t } = i18n;
  const colon = colonOf(i18n.lang);
  const bars = [
    { key: 'total' as const, label: t('projectStats.kpi.total'), color: COLORS.total },
    { key: 'planned' as const, label: t('projectStats.kpi.planned'), color: COLORS.planned },
    { key: 'completed' as const, label: t('projectStats.kpi.completed'), color: COLORS.completed },
  ];
  return {
    ...CHART_BASE,
    legend: TOP_LEGEND,
    grid: chartGrid(8, 8, 48),
    tooltip: axisTooltip(rows, (row) => [
      `<b>${escapeHtml(row.name)}</b>`,
      `${escapeHtml(t('projectStats.kpi.projects'))}${colon}${row.f.projects}`,
      ...bars.map((b) => `${escapeHtml(b.label)}${colon}${formatYi(row.f[b.key])} ${escapeHtml(t('projectStats.unit.yi'))}`),
    ]),
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, fontSize: 12 } },
    yAxis: { type: 'value', name: t('projectStats.unit.yi'), nameTextStyle: { align: 'left' } },
    series: bars.map((b) => ({
      type: 'bar' as const,
      name: b.label,
      barMaxWidth: 22,
      itemStyle: { color: b.color },
      data: rows.map((r) => yiOf(r.f[b.key])),
    })),
  };
}

function pieOption(slices: readonly (PieSlice & { tip: string })[], i18n: Pick<I18n, 'lang'>, donut: boolean, unit: string): ChartOption {
  const colon = colonOf(i18n.lang);
  return {
    ...CHART_BASE,
    legend: pieLegend(slices, unit),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        const slice = slices[one?.dataIndex ?? -1];
        if (!one || !slice) return '';
        return `${one.marker as string}${escapeHtml(slice.name)}${colon}${escapeHtml(slice.tip)} (${one.percent ?? 0}%)`;
      },
    },
    series: [
      pieSeries(slices, {
        radius: donut ? ['42%', '68%'] : ['0%', '66%'],
        center: ['50%', '44%'],
        // slices too thin for their percentage keep it in the tooltip and legend
        label: { show: true, position: 'inside', formatter: (p: { percent?: number }) => ((p.percent ?? 0) >= 5 ? `${p.percent}%` : ''), color: '#fff', fontSize: 11 },
      }),
    ],
  };
}

export function ProjectCharts({ data }: { data: Dashboard }) {
  const i18n = useI18n();
  const { t } = i18n;
  const sep = t('projectStats.chart.sep');
  const yi = t('projectStats.unit.yi');
  const overall = data.overall;

  const counties = useMemo(() => data.byCounty.map((g) => ({ name: groupLabel('county', g, i18n), g })), [data.byCounty, i18n]);
  const county = useMemo(() => countyOption(counties, overall.pace, i18n), [counties, overall.pace, i18n]);
  const countySummary =
    counties
      .map((r) =>
        t('projectStats.chart.countyLine', {
          label: r.name,
          rank: r.g.rank,
          rate: rateText(r.g.figures.completionRate),
          points: formatPoints(r.g.figures.leadPoints),
        }),
      )
      .join(sep) + t('projectStats.chart.paceLine', { pace: rateText(overall.pace) });

  const seriesRows = useMemo<SeriesRow[]>(
    () =>
      data.series.map((s) => ({
        month: s.month,
        completed: s.completed,
        paced: Math.round((s.planned * monthNumber(s.month)) / 12),
        completionPercent: s.completionPercent,
        pacePercent: s.pacePercent,
      })),
    [data.series],
  );
  const series = useMemo(() => seriesOption(seriesRows, i18n), [seriesRows, i18n]);
  const seriesSummary = seriesRows
    .map((r) => t('projectStats.chart.seriesLine', { month: shortMonthName(r.month, t), completed: formatYi(r.completed), paced: formatYi(r.paced) }))
    .join(sep);

  const stages = useMemo(
    () =>
      PROJECT_STAGES.flatMap((s) => {
        const g = data.byStage.find((x) => x.key === s);
        return g ? [{ name: groupLabel('stage', g, i18n), f: g.figures }] : [];
      }),
    [data.byStage, i18n],
  );
  const stage = useMemo(() => stageOption(stages, i18n), [stages, i18n]);
  const stageSummary = stages
    .map((r) => t('projectStats.chart.stageLine', { label: r.name, n: r.f.projects, total: formatYi(r.f.total), planned: formatYi(r.f.planned), completed: formatYi(r.f.completed) }))
    .join(sep);

  const categories = useMemo(
    () =>
      [...data.byCategory]
        .sort((a, b) => b.figures.total - a.figures.total)
        .map((g, i) => ({
          name: groupLabel('category', g, i18n),
          value: yiOf(g.figures.total),
          color: CATEGORY_COLORS[i % CATEGORY_COLORS.length] as string,
          tip: t('projectStats.chart.categoryTip', { n: g.figures.projects, total: formatYi(g.figures.total) }),
        })),
    [data.byCategory, i18n, t],
  );
  const category = useMemo(() => pieOption(categories, i18n, false, ''), [categories, i18n]);
  const categorySummary = categories.map((c) => `${c.name}${t('projectStats.chart.colon')}${c.tip}`).join(sep);

  const lights = useMemo(
    () =>
      LIGHTS.map((l) => ({ name: t(`projectStats.light.${l}`), value: overall[l], color: LIGHT_COLORS[l], tip: t('projectStats.chart.lightTip', { n: overall[l] }) })).filter(
        (s) => s.value > 0,
      ),
    [overall, t],
  );
  const light = useMemo(() => pieOption(lights, i18n, true, ''), [lights, i18n]);
  const lightsSummary = lights.map((s) => `${s.name}${t('projectStats.chart.colon')}${s.tip}`).join(sep);

  const hint = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
      {text}
    </Typography.Text>
  );

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('projectStats.chart.county')} style={{ height: '100%' }}>
            {hint(t('projectStats.chart.countyHint'))}
            <Chart testId="chart-by-county" option={county} height={Math.max(220, counties.length * 26 + 48)} label={t('projectStats.chart.county')} summary={countySummary} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('projectStats.chart.series')} style={{ height: '100%' }}>
            {hint(t('projectStats.chart.seriesHint', { unit: yi }))}
            <Chart testId="chart-series" option={series} height={Math.max(220, counties.length * 26 + 48)} label={t('projectStats.chart.series')} summary={seriesSummary} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('projectStats.chart.stage')} style={{ height: '100%' }}>
            <Chart testId="chart-by-stage" option={stage} height={300} label={t('projectStats.chart.stage')} summary={stageSummary} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card size="small" title={t('projectStats.chart.category', { unit: yi })} style={{ height: '100%' }}>
            <Chart testId="chart-by-category" option={category} height={300} label={t('projectStats.chart.category', { unit: yi })} summary={categorySummary} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card size="small" title={t('projectStats.chart.lights')} style={{ height: '100%' }}>
            <Chart testId="chart-lights" option={light} height={300} label={t('projectStats.chart.lights')} summary={lightsSummary} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
