/**
 * 项目调度: the campaign's figures for a month within the viewer's reach — headline figures, the
 * completion rate per county against the pace, the cumulative completed investment against the
 * pace curve, the investment per stage and category, the lights — with the month's bulletin and
 * its annex to download, and the campaign settings for the project office. The month lives in the
 * address (?month=); without it the server's report month is shown.
 */
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Empty, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, OrderedListOutlined, ReloadOutlined } from '@ant-design/icons';
import { roleMay } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { errorText } from '../../feedback.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { LoadFailed, LoadFailedInline, PageSpin, PageTitle } from '../../components/PageState.tsx';
import { ProjectKpis } from './P2Kpis.tsx';
import { ProjectCharts } from './P2Charts.tsx';
import { ProjectSettingsCard } from './P2Settings.tsx';
import { monthName, periodName, readMonth } from './P2shared.ts';

export default function ProjectDashboardPage() {
  const { t, lang } = useI18n();
  const { me } = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = readMonth(params);

  const { data, loading, error, reload } = useRemote(() => api.projectDashboard({ month }), [month]);
  const errorMessage = error === null ? null : errorText(error, lang, t('error.unexpected'));
  // Figures of another month are on their way out: shown dimmed until replaced.
  const current = data !== null && (month === undefined || data.month === month);
  const updating = loading || (!current && errorMessage === null);
  const shown = data !== null && (current || updating) ? data : null;

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
      <Card size="small" className="ls-filter-card">
        <Space wrap size={[16, 8]}>
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
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} loading={loading && data !== null} data-testid="dashboard-refresh" />
          </Tooltip>
        </Space>
      </Card>

      {errorMessage !== null && shown !== null && <LoadFailedInline error={errorMessage} onRetry={reload} />}
      {shown === null ? (
        errorMessage !== null && !loading ? (
          <LoadFailed error={errorMessage} onRetry={reload} />
        ) : (
          <PageSpin />
        )
      ) : (
        <Spin spinning={updating} description={t('projectStats.updating')}>
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
        </Spin>
      )}
      {roleMay(me.role, 'project.settings') && <ProjectSettingsCard onSaved={reload} />}
    </div>
  );
}
