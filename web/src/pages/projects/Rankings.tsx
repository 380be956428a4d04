/**
 * 排名: the month's figures per county, department, category, leader in charge or stage, ranked
 * by completion rate (equal rates share a rank), under the total of the viewer's reach. A group's
 * name opens the project list filtered to it. Grouping and month live in the address.
 */
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Empty, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FundOutlined } from '@ant-design/icons';
import { formatPoints, formatWan, wanOf } from '../../../../src/domain/projects.ts';
import type { Figures } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { unitFullName } from '../../util.ts';
import { useRemote } from '../../components/useRemote.ts';
import { PageTitle } from '../../components/PageState.tsx';
import { FilterBar } from '../../components/ListToolbar.tsx';
import { FiguresView, useFigures } from '../../components/FiguresView.tsx';
import { downloadCsv, safeFileName, toCsv } from '../stats/shared.ts';
import { BY_LABELS, GROUPINGS, fraction, groupLabel, groupLink, monthName, monthsThrough, pointsColor, rateText, readBy, readMonth, type Grouping } from './P2shared.ts';

interface RankRow {
  key: string;
  rank: number | null;
  label: string;
  link: string | null;
  figures: Figures;
  overall: boolean;
  tied: boolean;
}

function RateCell({ rate, testId }: { rate: Figures['completionRate']; testId: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={rate.denominator > 0 ? fraction(rate, t) : undefined}>
      <span data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
        {rateText(rate)}
      </span>
    </Tooltip>
  );
}

export default function ProjectRankingsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const by = readBy(params);
  const month = readMonth(params);

  const remote = useRemote(() => api.projectRankings({ by, month }), [by, month]);
  const { data, loading, reload } = remote;
  const settings = useRemote(() => api.projectSettings(), []);
  const units = useRemote(() => (by === 'dept' ? api.units() : Promise.resolve(null)), [by === 'dept']);

  const figures = useFigures(remote, (d) => d.by === by && (month === undefined || d.month === month));
  const { shown, current, updating } = figures;
  const shownMonth = shown?.month ?? month;

  // the campaign's months with figures: through the report month in the campaign year, else the whole year
  const months = useMemo(() => {
    const s = settings.data;
    const year = shownMonth?.slice(0, 4) ?? (s ? String(s.campaignYear) : undefined);
    if (!year) return [];
    const last = s && String(s.campaignYear) === year ? s.reportMonth : `${year}-12`;
    const list = monthsThrough(last);
    return shownMonth && !list.includes(shownMonth) ? [...list, shownMonth].sort() : list;
  }, [settings.data, shownMonth]);

  const fullNames = useMemo(() => {
    if (!units.data) return undefined;
    const byId = new Map(units.data.map((u) => [u.id, u]));
    return new Map(units.data.map((u) => [String(u.id), unitFullName(u, byId)]));
  }, [units.data]);

  const rows = useMemo<RankRow[]>(() => {
    if (!shown || shown.groups.length === 0) return [];
    const counts = new Map<number, number>();
    for (const g of shown.groups) counts.set(g.rank, (counts.get(g.rank) ?? 0) + 1);
    return [
      { key: '__overall', rank: null, label: t('projectStats.overall'), link: null, figures: shown.overall, overall: true, tied: false },
      ...shown.groups.map((g) => ({
        key: g.key,
        rank: g.rank,
        label: groupLabel(shown.by, g, i18n, shown.by === 'dept' ? fullNames : undefined),
        link: groupLink(shown.by, g.key, shown.month),
        figures: g.figures,
        overall: false,
        tied: (counts.get(g.rank) ?? 0) > 1,
      })),
    ];
  }, [shown, fullNames, i18n, t]);

  const update = (patch: { by?: Grouping; month?: string }) => {
    const next = new URLSearchParams(params);
    const nextBy = patch.by ?? by;
    if (nextBy === 'county') next.delete('by');
    else next.set('by', nextBy);
    if (patch.month) next.set('month', patch.month);
    setParams(next, { replace: true });
  };

  const exportCsv = () => {
    if (!shown) return;
    const name = safeFileName([t('projectStats.export.file'), t(BY_LABELS[shown.by]), monthName(shown.month, t)].join('_')) + '.csv';
    const line = (r: RankRow) => {
      const f = r.figures;
      return [
        r.rank,
        r.label,
        f.projects,
        wanOf(f.total),
        wanOf(f.planned),
        wanOf(f.completed),
        f.completionRate.text,
        f.leadPoints,
        f.startRate.text,
        f.started,
        f.dueToStart,
        f.registrationRate.text,
        f.registered,
        f.mustRegister,
        f.red,
        f.yellow,
        f.green,
      ];
    };
    downloadCsv(
      name,
      toCsv([
        [
          t('projectStats.col.rank'),
          t(BY_LABELS[shown.by]),
          t('projectStats.col.projects'),
          t('projectStats.export.totalWan'),
          t('projectStats.col.plannedWan'),
          t('projectStats.col.completedWan'),
          t('projectStats.kpi.completion'),
          t('projectStats.col.lead'),
          t('projectStats.kpi.startRate'),
          t('projectStats.export.started'),
          t('projectStats.export.dueToStart'),
          t('projectStats.kpi.registrationRate'),
          t('projectStats.export.registered'),
          t('projectStats.export.mustRegister'),
          t('projectStats.light.red'),
          t('projectStats.light.yellow'),
          t('projectStats.light.green'),
        ],
        ...rows.map(line),
      ]),
    );
    void message.success(t('projectStats.export.done', { name }));
  };

  const columns: TableColumnsType<RankRow> = [
    {
      title: t('projectStats.col.rank'),
      dataIndex: 'rank',
      width: 84,
      align: 'center',
      fixed: 'left',
      render: (_v, r) =>
        r.overall ? null : (
          <Space size={4}>
            <span data-testid="rankings-rank">{r.rank}</span>
            {r.tied && (
              <Tooltip title={t('projectStats.tiedHelp', { n: r.rank ?? 0 })}>
                <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 3 }} data-testid="rankings-tied">
                  {t('projectStats.tied')}
                </Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
    {
      title: shown ? t(BY_LABELS[shown.by]) : '',
      dataIndex: 'label',
      width: 200,
      fixed: 'left',
      ellipsis: { showTitle: true },
      render: (_v, r) =>
        r.overall ? (
          <strong data-testid="rankings-overall-label">{r.label}</strong>
        ) : r.link ? (
          <Link to={r.link} data-testid="rankings-label">
            {r.label}
          </Link>
        ) : (
          <span data-testid="rankings-label">{r.label}</span>
        ),
    },
    { title: t('projectStats.col.projects'), width: 80, align: 'right', render: (_v, r) => <span data-testid="rankings-projects">{r.figures.projects}</span> },
    { title: t('projectStats.col.plannedWan'), width: 130, align: 'right', render: (_v, r) => <span data-testid="rankings-planned">{formatWan(r.figures.planned)}</span> },
    { title: t('projectStats.col.completedWan'), width: 130, align: 'right', render: (_v, r) => <span data-testid="rankings-completed">{formatWan(r.figures.completed)}</span> },
    { title: t('projectStats.kpi.completion'), width: 110, align: 'right', render: (_v, r) => <RateCell rate={r.figures.completionRate} testId="rankings-completion" /> },
    {
      title: t('projectStats.col.lead'),
      width: 110,
      align: 'right',
      render: (_v, r) => (
        <span data-testid="rankings-lead" style={{ color: pointsColor(r.figures.leadPoints), fontWeight: 500 }}>
          {formatPoints(r.figures.leadPoints)}
        </span>
      ),
    },
    {
      title: t('projectStats.kpi.startRate'),
      width: 110,
      align: 'right',
      render: (_v, r) => <RateCell rate={r.figures.startRate} testId="rankings-start-rate" />,
    },
    {
      title: t('projectStats.kpi.registrationRate'),
      width: 110,
      align: 'right',
      render: (_v, r) => <RateCell rate={r.figures.registrationRate} testId="rankings-registration-rate" />,
    },
    {
      title: t('projectStats.light.red'),
      width: 70,
      align: 'right',
      render: (_v, r) => (
        <span data-testid="rankings-red" style={{ color: r.figures.red > 0 ? '#cf1322' : undefined }}>
          {r.figures.red}
        </span>
      ),
    },
    {
      title: t('projectStats.light.yellow'),
      width: 70,
      align: 'right',
      render: (_v, r) => (
        <span data-testid="rankings-yellow" style={{ color: r.figures.yellow > 0 ? '#d48806' : undefined }}>
          {r.figures.yellow}
        </span>
      ),
    },
  ];

  return (
    <div
      data-testid="page-project-rankings"
      data-loading={updating ? 'true' : 'false'}
      data-shown={shown && current ? `by=${shown.by}&month=${shown.month}` : ''}
    >
      <PageTitle
        title={t('projectStats.rankings.title')}
        hint={shown ? t('projectStats.rankings.hint', { month: monthName(shown.month, t) }) : undefined}
        extra={
          <Space wrap>
            <Button icon={<FundOutlined />} onClick={() => navigate(`/projects/dashboard${shownMonth ? `?month=${shownMonth}` : ''}`)} data-testid="rankings-dashboard-link">
              {t('nav.projectDashboard')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!shown || !current || shown.groups.length === 0} data-testid="rankings-export">
              {t('projectStats.export')}
            </Button>
          </Space>
        }
      />
      <FilterBar
        gap={16}
        onRefresh={reload}
        refreshing={loading && data !== null}
        refreshTestId="rankings-refresh"
        bottom={
          <Tabs
            activeKey={by}
            onChange={(k) => update({ by: k as Grouping })}
            items={GROUPINGS.map((g) => ({ key: g, label: <span data-testid={`rankings-tab-${g}`}>{t(BY_LABELS[g])}</span> }))}
            style={{ marginTop: 4, marginBottom: -12 }}
          />
        }
      >
        <Space size={6}>
          <Typography.Text>{t('projectStats.month')}</Typography.Text>
          <Select<string>
            style={{ width: 150 }}
            value={shownMonth}
            onChange={(m) => update({ month: m })}
            options={months.map((m) => ({ value: m, label: <span data-testid={`rankings-month-${m}`}>{monthName(m, t)}</span> }))}
            aria-label={t('projectStats.month')}
            data-testid="rankings-month"
          />
        </Space>
      </FilterBar>

      <FiguresView state={figures} updatingText={t('projectStats.updating')}>
        {(shown) => (
          <Card size="small" style={{ marginTop: 12 }} title={t('projectStats.rankings.tableTitle', { by: t(BY_LABELS[shown.by]), n: shown.groups.length })}>
            <Table<RankRow>
              data-testid="rankings-table"
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1200 }}
              onRow={(r) =>
                (r.overall
                  ? { 'data-overall': 'true', style: { fontWeight: 600 } }
                  : { 'data-key': r.key, 'data-rank': String(r.rank) }) as unknown as HTMLAttributes<HTMLElement>
              }
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectStats.empty')} /> }}
            />
          </Card>
        )}
      </FiguresView>
    </div>
  );
}
