/**
 * What a project is: its facts (category, campaign, content, place, task force, registration,
 * approvals, tags), the plan as first registered against the plan now (changes highlighted), and
 * the twelve months of the campaign year with the cumulative drawn against the pace.
 */
import { useMemo } from 'react';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import {
  APPROVAL_KINDS,
  APPROVAL_LABELS,
  APPROVAL_STATUS_LABELS,
  formatWan,
  monthNumber,
  wanOf,
  type ApprovalStatus,
} from '../../../../src/domain/projects.ts';
import type { Project } from '../../../../src/modules/projects/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { CategoryTag, ProjectLightDot, Wan, monthText } from './P1Parts.tsx';

const APPROVAL_COLORS: Record<ApprovalStatus, string> = { pending: 'default', in_progress: 'processing', done: 'success', not_needed: 'default' };

export function ProjectFacts({ project: p }: { project: Project }) {
  const { t, l } = useI18n();
  const items = [
    { key: 'category', label: t('project.category'), children: <CategoryTag category={p.category} /> },
    { key: 'year', label: t('project.campaignYear'), children: p.campaignYear },
    { key: 'plannedStart', label: t('project.plannedStart'), children: p.plannedStart ?? '—' },
    { key: 'plannedFinish', label: t('project.plannedFinish'), children: p.plannedFinish ?? '—' },
    { key: 'actualStart', label: t('project.actualStart'), children: p.actualStart ?? '—' },
    { key: 'actualFinish', label: t('project.actualFinish'), children: p.actualFinish ?? '—' },
    {
      key: 'location',
      label: t('project.location'),
      children: (
        <span data-testid="project-location">
          {p.location || '—'}
          {p.lng !== null && p.lat !== null && (
            <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
              {t('project.coords', { lng: p.lng.toFixed(5), lat: p.lat.toFixed(5) })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'taskForce', label: t('project.taskForce'), children: p.taskForce.length ? p.taskForce.join('、') : '—' },
    {
      key: 'registered',
      label: t('project.registration'),
      children: (
        <span data-testid="project-registration" data-registered={p.registered}>
          {p.registered ? <Tag color="success">{t('project.registeredYes')}</Tag> : <Tag color="warning">{t('project.registeredNo')}</Tag>}
          {p.registeredOn}
        </span>
      ),
    },
    { key: 'tags', label: t('project.tags'), children: p.tags.length ? p.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—' },
    ...(p.startDelayReason ? [{ key: 'delay', label: t('project.startDelayReason'), children: p.startDelayReason, span: 2 }] : []),
    {
      key: 'approvals',
      label: t('project.approvals'),
      span: 2,
      children: (
        <Space wrap size={[12, 4]} data-testid="project-approvals">
          {APPROVAL_KINDS.map((k) => {
            const a = p.approvals[k];
            return (
              <span key={k} data-kind={k} data-status={a?.status ?? 'unknown'}>
                {l(APPROVAL_LABELS[k])}
                {'：'}
                {a ? <Tag color={APPROVAL_COLORS[a.status]}>{l(APPROVAL_STATUS_LABELS[a.status])}</Tag> : <Tag>{t('project.approvalUnknown')}</Tag>}
                {a?.date && <Typography.Text type="secondary">{a.date}</Typography.Text>}
              </span>
            );
          })}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={items} styles={{ label: { width: 110, whiteSpace: 'nowrap' } }} data-testid="project-facts" />
      {p.content && (
        <div className="ls-matter-text" data-testid="project-content">
          <Typography.Text strong>{t('project.content')}</Typography.Text>
          <Typography.Paragraph className="ls-pre">{p.content}</Typography.Paragraph>
        </div>
      )}
    </>
  );
}

interface BaselineRow {
  key: string;
  label: MsgKey;
  before: string;
  now: string;
}

/** 原计划 vs 当前: the plan registered first against the plan after revisions. */
export function BaselineTable({ project: p }: { project: Project }) {
  const { t } = useI18n();
  const money = (y: number) => `${formatWan(y)} ${t('project.unit.wan')}`;
  const rows: BaselineRow[] = [
    { key: 'total', label: 'project.total', before: money(p.baseline.totalYuan), now: money(p.totalYuan) },
    { key: 'planned', label: 'project.planned', before: money(p.baseline.plannedYuan), now: money(p.plannedYuan) },
    { key: 'plannedStart', label: 'project.plannedStart', before: p.baseline.plannedStart ?? '—', now: p.plannedStart ?? '—' },
    { key: 'plannedFinish', label: 'project.plannedFinish', before: p.baseline.plannedFinish ?? '—', now: p.plannedFinish ?? '—' },
  ];
  return (
    <Table<BaselineRow>
      data-testid="project-baseline"
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      rowClassName={(r) => (r.before !== r.now ? 'ls-diff-row-changed' : '')}
      onRow={(r) => ({ 'data-testid': 'project-baseline-row', 'data-key': r.key, 'data-changed': r.before !== r.now }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('project.baseline.item'), dataIndex: 'label', width: 150, render: (k: MsgKey) => t(k) },
        { title: t('project.baseline.before'), dataIndex: 'before', render: (v: string, r) => <span className={r.before !== r.now ? 'ls-diff-old' : undefined}>{v}</span> },
        { title: t('project.baseline.now'), dataIndex: 'now', render: (v: string, r) => <span className={r.before !== r.now ? 'ls-diff-new' : undefined}>{v}</span> },
      ]}
    />
  );
}

type MonthRow = Project['months'][number];

/** The twelve months: completed in the month, cumulative, when reported, the light; and the chart. */
export function MonthsCard({ project: p, month }: { project: Project; month: string | null }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const shown = p.months.filter((m) => !month || m.month <= month);
    const labels = p.months.map((m) => (lang === 'zh' ? `${monthNumber(m.month)}月` : monthText(m.month, lang).slice(0, 3)));
    return {
      animationDuration: 300,
      textStyle: { fontFamily: 'inherit' },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${t('project.unit.wan')}` : '—') },
      grid: { left: 8, right: 16, top: 40, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      xAxis: { type: 'category', data: labels, boundaryGap: false },
      yAxis: { type: 'value', name: t('project.unit.wan'), nameTextStyle: { align: 'left' } },
      series: [
        { type: 'line', name: t('project.chart.cumulative'), symbolSize: 6, itemStyle: { color: '#1f5fbf' }, data: p.months.map((m, i) => (i < shown.length ? wanOf(m.completedYtdYuan) : '-')) },
        { type: 'line', name: t('project.chart.pace'), symbol: 'none', lineStyle: { type: 'dashed' }, itemStyle: { color: '#fa8c16' }, data: p.months.map((m) => wanOf(Math.round((p.plannedYuan * monthNumber(m.month)) / 12))) },
      ],
    };
  }, [p, month, t, lang]);
  const last = p.months.filter((m) => !month || m.month <= month).at(-1);
  const summary = last ? t('project.chart.summary', { month: monthText(last.month, lang), done: formatWan(last.completedYtdYuan), planned: formatWan(p.plannedYuan) }) : undefined;

  return (
    <Card size="small" title={t('project.months.title')} style={{ marginTop: 12 }}>
      <Chart option={option} height={220} label={t('project.chart.label')} summary={summary} testId="project-chart" />
      <Table<MonthRow>
        data-testid="project-months"
        size="small"
        pagination={false}
        rowKey="month"
        dataSource={p.months}
        style={{ marginTop: 8 }}
        rowClassName={(m) => (month && m.month > month ? 'ls-row-disabled' : m.month === month ? 'ls-row-current' : '')}
        onRow={(m) => ({ 'data-testid': 'project-month-row', 'data-month': m.month }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('project.months.month'), dataIndex: 'month', width: 100, render: (m: string) => monthText(m, lang) },
          { title: t('project.months.completed'), dataIndex: 'completedYuan', align: 'right', render: (v: number) => <Wan yuan={v} /> },
          { title: t('project.months.cumulative'), dataIndex: 'completedYtdYuan', align: 'right', render: (v: number) => <Wan yuan={v} testId="project-month-cumulative" /> },
          { title: t('project.months.reportedOn'), dataIndex: 'reportedOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('project.light'), dataIndex: 'light', width: 90, render: (_v, m) => (month && m.month > month ? '—' : <ProjectLightDot light={m.light} />) },
        ]}
      />
    </Card>
  );
}
