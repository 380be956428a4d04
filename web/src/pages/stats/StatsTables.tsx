/** The ranking (top three marked) and the list of overdue matters, most overdue first. */
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Empty, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { SourceTag } from '../matters/parts.tsx';
import { COLUMN_LABELS, fractionText, groupName, rateText, type Grouping, type OverdueMatter, type Rate, type RankingEntry } from './shared.ts';

const MEDALS = ['#d4a017', '#98a2b3', '#c07a3e'];

/** The place, in a gold, silver or bronze disc for the top three. */
function Place({ rank }: { rank: number }) {
  const { t } = useI18n();
  const medal = MEDALS[rank - 1];
  if (!medal) return <span style={{ display: 'inline-block', width: 24, textAlign: 'center' }}>{rank}</span>;
  return (
    <Tooltip title={t('stats.ranking.place', { n: rank })}>
      <span
        data-top="true"
        aria-label={t('stats.ranking.place', { n: rank })}
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 24,
          height: 24,
          borderRadius: '50%',
          background: medal,
          color: '#fff',
          fontWeight: 700,
          fontSize: 13,
        }}
      >
        {rank}
      </span>
    </Tooltip>
  );
}

function RateCell({ rate }: { rate: Rate }) {
  const { t } = useI18n();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {rateText(rate)}
      {rate.denominator > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fractionText(rate, t)}
        </Typography.Text>
      )}
    </span>
  );
}

export function RankingTable({ ranking, by, extra }: { ranking: RankingEntry[]; by: Grouping; extra?: ReactNode }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const columns: TableColumnsType<RankingEntry> = [
    { title: t('stats.ranking.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <Place rank={r} /> },
    {
      title: t(COLUMN_LABELS[by]),
      dataIndex: 'label',
      ellipsis: { showTitle: true },
      render: (_v, r) => <span data-testid="ranking-label">{groupName(r, i18n)}</span>,
    },
    { title: t('stats.ranking.total'), dataIndex: 'total', width: 76, align: 'right' },
    { title: t('stats.ranking.closed'), dataIndex: 'closed', width: 76, align: 'right' },
    { title: t('stats.kpi.onTimeRate'), dataIndex: 'onTimeRate', width: lang === 'zh' ? 140 : 150, align: 'right', render: (r: Rate) => <RateCell rate={r} /> },
    { title: t('stats.kpi.closureRate'), dataIndex: 'closureRate', width: lang === 'zh' ? 140 : 150, align: 'right', render: (r: Rate) => <RateCell rate={r} /> },
  ];
  return (
    <Card
      size="small"
      title={
        <span>
          {t('stats.ranking.title')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 8 }}>
            {t('stats.ranking.hint')}
          </Typography.Text>
        </span>
      }
      extra={extra}
      style={{ height: '100%' }}
    >
      <Table<RankingEntry>
        data-testid="stats-ranking"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={ranking}
        scroll={{ x: 560 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }) }}
        onRow={(r) => ({ 'data-key': r.key, 'data-rank': r.rank }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.ranking.empty')} /> }}
      />
    </Card>
  );
}

export function OverdueTable({ overdue, extra }: { overdue: OverdueMatter[]; extra?: ReactNode }) {
  const { t } = useI18n();
  const columns: TableColumnsType<OverdueMatter> = [
    { title: t('matter.code'), dataIndex: 'code', width: 124, render: (v: string) => <span className="ls-code">{v}</span> },
    {
      title: t('matter.title'),
      dataIndex: 'title',
      ellipsis: { showTitle: true },
      render: (v: string, m) => (
        <Link to={`/matters/${m.matterId}`} data-testid="overdue-link">
          {v}
        </Link>
      ),
    },
    { title: t('matter.source'), dataIndex: 'source', width: 124, render: (_v, m) => <SourceTag source={m.source} /> },
    { title: t('matter.leadUnit'), dataIndex: 'leadUnit', width: 150, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
    { title: t('stats.overdue.dueOn'), dataIndex: 'dueOn', width: 104, render: (v: string | null) => v ?? '—' },
    {
      title: t('stats.overdue.days'),
      dataIndex: 'daysOverdue',
      width: 90,
      align: 'right',
      render: (n: number) => (
        <Typography.Text type="danger" strong data-testid="overdue-days">
          {t('stats.overdue.daysValue', { n })}
        </Typography.Text>
      ),
    },
    { title: t('matter.leader'), dataIndex: 'leader', width: 96, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
  ];
  return (
    <Card
      size="small"
      title={
        <span>
          {t('stats.overdue.title')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 8 }}>
            {t('stats.overdue.hint', { n: overdue.length })}
          </Typography.Text>
        </span>
      }
      extra={extra}
      style={{ height: '100%' }}
    >
      <Table<OverdueMatter>
        data-testid="stats-overdue"
        rowKey="matterId"
        size="small"
        columns={columns}
        dataSource={overdue}
        scroll={{ x: 860 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }) }}
        onRow={(m) => ({ 'data-code': m.code }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.overdue.empty')} /> }}
      />
    </Card>
  );
}
