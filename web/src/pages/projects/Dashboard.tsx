/**
 * 项目调度: the campaign's figures for a month within the viewer's reach — headline figures, the
 * completion rate per county against the pace, the cumulative completed investment against the
 * pace curve, the investment per stage and category, the lights — with the month's bulletin and
 * its annex to download, and the campaign settings for the project office. The month lives in the
 * address (?month=); without it the server's report month is shown.
 */
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Empty, Select, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, OrderedListOutlined } from '@ant-design/icons';
import { roleMay } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { PageTitle } from '../../components/PageState.tsx';
import { FilterBar } from '../../components/ListToolbar.tsx';
import { FiguresView, useFigures } from '../../components/FiguresView.tsx';
import { ProjectKpis } from './P2Kpis.tsx';
import { ProjectCharts } from './P2Charts.tsx';
import { ProjectSettingsCard } from './P2Settings.tsx';
import { monthName, periodName, readMonth } from './P2shared.ts';

export default function ProjectDashboardPage() {
  const { t } = useI18n();
  const { me } = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = readMonth(params);

  const remote = useRemote(() => api.projectDashboard({ month }), [month]);
  const { data, loading, reload } = remote;
  // Figures of another month are on their way out: shown dimmed until replaced.
  const figures = useFigures(remote, (d) => month === undefined || d.month === month);
  const { shown, current, updating } = figures;

  const setMonth = (m: string) => {
    const next = new URLSearchParams(params);
    next.set('month', m);
    setParams(next, { replace: true });
  };

  const shownMonth = shown?.month ?? month;
  const months = shown ? (shown.months.includes(shown.month) ? shown.months : [...shown.months, shown.month].sort()) : [];
  const mayDownload = roleMay(me.role, 'project.stats');
  const rankingsLink = `/projects/rankings${shownMonth ? `?month=${shownMonth}` : ''}`;

  return (
    <div data-testid="page-project-dashboard" data-loading={updating ? 'true' : 'false'} data-month={shown && current ? shown.month : ''}>
      <PageTitle
        title={t('nav.projectDashboard')}
        hint={shown ? t('projectStats.dashboard.hint', { period: periodName(shown.month, t) }) : t('projectStats.dashboard.hintLoading')}
        extra={
          <Space wrap>
            <Button icon={<OrderedListOutlined />} onClick={() => navigate(rankingsLink)} data-testid="dashboard-rankings-link">
              {t('projectStats.rankings')}
            </Button>
            {mayDownload && shownMonth && (
              <>
                <Tooltip title={t('projectStats.bulletinHelp', { month: monthName(shownMonth, t) })}>
                  <Button icon={<DownloadOutlined />} href={api.bulletinUrl(shownMonth)} download data-testid="bulletin-download">
                    {t('projectStats.bulletin')}
                  </Button>
                </Tooltip>
                <Tooltip title={t('projectStats.annexHelp', { month: monthName(shownMonth, t) })}>
                  <Button icon={<FileExcelOutlined />} href={api.bulletinAnnexUrl(shownMonth)} download data-testid="annex-download">
                    {t('projectStats.annex')}
                  </Button>
                </Tooltip>
              </>
            )}
          </Space>
        }
      />
      <FilterBar gap={16} onRefresh={reload} refreshing={loading && data !== null} refreshTestId="dashboard-refresh">
        <Space size={6}>
          <Typography.Text>{t('projectStats.month')}</Typography.Text>
          <Select<string>
            style={{ width: 150 }}
            value={shownMonth}
            onChange={setMonth}
            loading={data === null && loading}
            options={months.map((m) => ({ value: m, label: <span data-testid={`dashboard-month-${m}`}>{monthName(m, t)}</span> }))}
            aria-label={t('projectStats.month')}
            data-testid="dashboard-month"
          />
        </Space>
        {shown && (
          <Typography.Text type="secondary" data-testid="dashboard-period">
            {t('projectStats.dashboard.period', { period: periodName(shown.month, t) })}
          </Typography.Text>
        )}
      </FilterBar>

      <FiguresView state={figures} updatingText={t('projectStats.updating')}>
        {(shown) => (
          <>
            <div style={{ marginTop: 12 }}>
              <ProjectKpis figures={shown.overall} />
            </div>
            {shown.overall.projects === 0 ? (
              <Card size="small" style={{ marginTop: 12 }} data-testid="dashboard-empty">
                <Empty description={t('projectStats.empty')} />
              </Card>
            ) : (
              <ProjectCharts data={shown} />
            )}
          </>
        )}
      </FiguresView>
      {roleMay(me.role, 'project.settings') && <ProjectSettingsCard onSaved={reload} />}
    </div>
  );
}
