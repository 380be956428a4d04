/**
 * The statistics page's charts: per group, the matters as stacked bars (closed on time, closed
 * late, open within time, open and overdue) with the closure and on-time rates as lines on a
 * second axis; and how all the matters stand, as a pie.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import type { MatterStats } from '../../../../src/modules/matter-stats/schema.ts';
import { Chart, escapeHtml, truncateLabel, type ChartOption } from '../../components/Chart.tsx';
import { CHART_BASE, TOP_LEGEND, axisTooltip, chartGrid, colonOf, pieLegend, pieSeries, type PieSlice } from '../../components/chartOptions.ts';
import { useI18n, type I18n, type MsgKey } from '../../i18n/index.tsx';
import { fractionText, groupName, rateText, type Grouping, type StatsGroup } from './shared.ts';

export const COLORS = {
  closedOnTime: '#52c41a',
  closedLate: '#faad14',
  inProgress: '#1f5fbf',
  overdue: '#f5222d',
  closureRate: '#722ed1',
  onTimeRate: '#08979c',
};

const TITLES: Record<Grouping, MsgKey> = { unit: 'stats.chart.groups.unit', source: 'stats.chart.groups.source', leader: 'stats.chart.groups.leader' };

interface Row {
  name: string;
  g: StatsGroup;
}

/** Units by their number of matters, most first (ties keep the organisation's order); sources and leaders in their own order. */
export function chartRows(groups: readonly StatsGroup[], by: Grouping, i18n: Pick<I18n, 't' | 'l'>): Row[] {
  const rows = groups.map((g, i) => ({ name: groupName(g, i18n), g, i }));
  if (by === 'unit') rows.sort((a, b) => b.g.total - a.g.total || a.i - b.i);
  return rows.map(({ name, g }) => ({ name, g }));
}

function groupsOption(rows: readonly Row[], i18n: Pick<I18n, 't' | 'lang'>): ChartOption {
  const { t } = i18n;
  const colon = colonOf(i18n.lang);
  const many = rows.length > 8;
  const dense = rows.length > 12;
  const bars: { key: keyof typeof COLORS; label: MsgKey; value: (g: StatsGroup) => number }[] = [
    { key: 'closedOnTime', label: 'stats.series.closedOnTime', value: (g) => g.closedOnTime },
    { key: 'closedLate', label: 'stats.series.closedLate', value: (g) => g.closed - g.closedOnTime },
    { key: 'inProgress', label: 'stats.series.inProgress', value: (g) => g.open - g.overdue },
    { key: 'overdue', label: 'stats.series.overdue', value: (g) => g.overdue },
  ];
  const rates: { key: 'closureRate' | 'onTimeRate'; label: MsgKey }[] = [
    { key: 'closureRate', label: 'stats.series.closureRate' },
    { key: 'onTimeRate', label: 'stats.series.onTimeRate' },
  ];
  return {
    ...CHART_BASE,
    legend: TOP_LEGEND,
    grid: chartGrid(8, 8, 56),
    tooltip: axisTooltip(rows, (row, hovered) => {
      const { g } = row;
      const lines = [`<b>${escapeHtml(row.name)}</b>`, `${escapeHtml(t('stats.kpi.total'))}${colon}${g.total}`];
      // Series 0–3 are the bars, 4–5 the rate lines, in the order declared below.
      for (const p of hovered) {
        const i = p.seriesIndex ?? -1;
        const bar = bars[i];
        const rate = rates[i - bars.length];
        if (bar) lines.push(`${p.marker as string}${escapeHtml(t(bar.label))}${colon}${bar.value(g)}`);
        else if (rate) {
          const r = g[rate.key];
          lines.push(`${p.marker as string}${escapeHtml(t(rate.label))}${colon}${rateText(r)}${r.denominator > 0 ? escapeHtml(fractionText(r, t)) : ''}`);
        }
      }
      return lines;
    }),
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, rotate: many ? 40 : 0, formatter: (v: string) => truncateLabel(v, many ? 7 : 9), fontSize: 12 },
    },
    yAxis: [
      { type: 'value', name: t('stats.chart.count'), minInterval: 1, nameTextStyle: { align: 'left' } },
      {
        type: 'value',
        name: t('stats.chart.rate'),
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { formatter: '{value}%' },
        splitLine: { show: false },
        nameTextStyle: { align: 'right' },
      },
    ],
    series: [
      ...bars.map((b) => ({
        type: 'bar' as const,
        name: t(b.label),
        stack: 'matters',
        barMaxWidth: 40,
        itemStyle: { color: COLORS[b.key] },
        emphasis: { focus: 'series' as const },
        data: rows.map((r) => b.value(r.g)),
      })),
      ...rates.map((l) => ({
        type: 'line' as const,
        name: t(l.label),
        yAxisIndex: 1,
        symbolSize: 7,
        itemStyle: { color: COLORS[l.key] },
        // Between many unrelated units a connecting line means nothing: the rates show as points.
        lineStyle: { width: 2, opacity: dense ? 0 : 1 },
        data: rows.map((r) => r.g[l.key].percent ?? '-'),
      })),
    ],
  };
}

function statusOption(slices: readonly PieSlice[], total: number, i18n: Pick<I18n, 't' | 'lang'>): ChartOption {
  const { t } = i18n;
  const colon = colonOf(i18n.lang);
  return {
    ...CHART_BASE,
    legend: pieLegend(slices),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        if (!one) return '';
        return `${one.marker as string}${escapeHtml(one.name)}${colon}${escapeHtml(t('stats.chart.pieces', { n: Number(one.value) }))} (${one.percent ?? 0}%)<br/>${escapeHtml(t('stats.kpi.total'))}${colon}${total}`;
      },
    },
    series: [pieSeries(slices, { radius: ['38%', '68%'], center: ['50%', '45%'], label: { show: true, position: 'inside', formatter: '{d}%', color: '#fff', fontSize: 12 } })],
  };
}

export function StatsCharts({ data, by }: { data: MatterStats; by: Grouping }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows = useMemo(() => chartRows(data.groups, by, i18n), [data.groups, by, i18n]);
  const groups = useMemo(() => groupsOption(rows, i18n), [rows, i18n]);
  const totals = data.totals;
  const slices = useMemo(
    () =>
      [
        { name: t('stats.series.closedOnTime'), value: totals.closedOnTime, color: COLORS.closedOnTime },
        { name: t('stats.series.closedLate'), value: totals.closed - totals.closedOnTime, color: COLORS.closedLate },
        { name: t('stats.series.inProgress'), value: totals.open - totals.overdue, color: COLORS.inProgress },
        { name: t('stats.series.overdue'), value: totals.overdue, color: COLORS.overdue },
      ].filter((s) => s.value > 0),
    [totals, t],
  );
  const status = useMemo(() => statusOption(slices, totals.total, i18n), [slices, totals.total, i18n]);

  const groupsSummary = rows
    .map((r) =>
      t('stats.chart.groupLine', { label: r.name, total: r.g.total, closed: r.g.closed, closureRate: rateText(r.g.closureRate), onTimeRate: rateText(r.g.onTimeRate) }),
    )
    .join('；');
  const statusSummary = slices.map((s) => t('stats.chart.statusLine', { label: s.name, n: s.value })).join('；');

  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
      <Col xs={24} xl={16}>
        <Card size="small" title={t(TITLES[by])}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
            {by === 'unit' ? t('stats.chart.groupsHint') : t('stats.chart.groupsHintOrdered')}
          </Typography.Text>
          <Chart
            testId="stats-chart-groups"
            option={groups}
            height={380}
            minWidth={rows.length > 30 ? rows.length * 22 : undefined}
            label={t(TITLES[by])}
            summary={groupsSummary}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('stats.chart.status')}>
          <Chart testId="stats-chart-status" option={status} height={402} label={t('stats.chart.status')} summary={statusSummary} />
        </Card>
      </Col>
    </Row>
  );
}
