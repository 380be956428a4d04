/**
 * 督办统计: the matters within the viewer's scope counted per lead unit, source or responsible
 * leader — headline figures, charts, the ranking and the overdue list — for a source and an
 * assignment period. The filters live in the address, so a view can be bookmarked or sent on.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Col, DatePicker, Dropdown, Empty, Row, Segmented, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MATTER_SOURCES, SOURCE_LABELS, type MatterSource } from '../../../src/domain/matters.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useRemote } from '../components/useRemote.ts';
import { PageTitle } from '../components/PageState.tsx';
import { FilterBar, RefreshButton, ResetButton } from '../components/ListToolbar.tsx';
import { FiguresView, useFigures } from '../components/FiguresView.tsx';
import { Kpis } from './stats/Kpis.tsx';
import { StatsCharts } from './stats/StatsCharts.tsx';
import { OverdueTable, RankingTable } from './stats/StatsTables.tsx';
import {
  BY_LABELS,
  COLUMN_LABELS,
  GROUPINGS,
  downloadCsv,
  groupName,
  readFilters,
  safeFileName,
  showsReplies,
  toCsv,
  writeFilters,
  type Grouping,
  type StatsFilters,
} from './stats/shared.ts';

const DAY = 'YYYY-MM-DD';

/** 本月, 本季度, 本年: from the first day of the period to today. */
function periodPresets(t: (k: 'stats.preset.month' | 'stats.preset.quarter' | 'stats.preset.year') => string) {
  const today = dayjs().startOf('day');
  const quarterStart = today.month(today.month() - (today.month() % 3)).startOf('month');
  return [
    { label: t('stats.preset.month'), value: [today.startOf('month'), today] as [Dayjs, Dayjs] },
    { label: t('stats.preset.quarter'), value: [quarterStart, today] as [Dayjs, Dayjs] },
    { label: t('stats.preset.year'), value: [today.startOf('year'), today] as [Dayjs, Dayjs] },
  ];
}

export default function StatsPage() {
  const i18n = useI18n();
  const { t, l } = i18n;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const { source, from, to, by } = filters;

  const remote = useRemote(() => api.matterStats({ source, from, to, by }), [source, from, to, by]);
  const { data, loading, reload } = remote;
  // Figures for other filters than the address's are on their way out: shown dimmed until replaced.
  const figures = useFigures(remote, (d) => d.by === by && d.source === (source ?? null) && d.from === (from ?? null) && d.to === (to ?? null));
  const { shown, updating } = figures;

  const update = (patch: Partial<StatsFilters>) => setParams(writeFilters({ ...filters, ...patch }), { replace: true });
  const filtered = !!(source || from || to);
  const presets = useMemo(() => periodPresets(t), [t]);

  const period = from || to ? `${from ?? ''}~${to ?? ''}` : t('stats.export.allTime');
  const fileName = (kind: string) =>
    safeFileName([kind, source ? l(SOURCE_LABELS[source]) : null, kind === t('stats.export.fileRanking') ? t(BY_LABELS[by]) : null, period].filter(Boolean).join('_')) + '.csv';

  const exportRanking = () => {
    const stats = shown;
    if (!stats) return;
    const name = fileName(t('stats.export.fileRanking'));
    downloadCsv(
      name,
      toCsv([
        [t('stats.ranking.rank'), t(COLUMN_LABELS[stats.by]), t('stats.ranking.total'), t('stats.ranking.closed'), t('stats.series.closedOnTime'), t('stats.kpi.onTimeRate'), t('stats.kpi.closureRate')],
        ...stats.ranking.map((r) => [r.rank, groupName(r, i18n), r.total, r.closed, r.onTimeRate.numerator, r.onTimeRate.text, r.closureRate.text]),
      ]),
    );
    void message.success(t('stats.export.done', { name }));
  };
  const exportOverdue = () => {
    const stats = shown;
    if (!stats) return;
    const name = fileName(t('stats.export.fileOverdue'));
    downloadCsv(
      name,
      toCsv([
        [t('matter.code'), t('matter.title'), t('matter.source'), t('matter.leadUnit'), t('stats.overdue.dueOn'), t('stats.overdue.days'), t('matter.leader')],
        ...stats.overdue.map((m) => [m.code, m.title, l(SOURCE_LABELS[m.source]), m.leadUnit, m.dueOn, m.daysOverdue, m.leader]),
      ]),
    );
    void message.success(t('stats.export.done', { name }));
  };

  const exportMenu = (
    <Dropdown
      trigger={['click']}
      disabled={!shown || shown.totals.total === 0}
      menu={{
        items: [
          { key: 'ranking', label: <span data-testid="stats-export-ranking">{t('stats.export.ranking')}</span>, onClick: exportRanking },
          { key: 'overdue', label: <span data-testid="stats-export-overdue">{t('stats.export.overdue')}</span>, onClick: exportOverdue, disabled: !shown?.overdue.length },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="stats-export">
        {t('stats.export')}
      </Button>
    </Dropdown>
  );

  return (
    <div
      data-testid="page-stats"
      data-loading={updating ? 'true' : 'false'}
      data-shown={data ? `by=${data.by}&source=${data.source ?? ''}&from=${data.from ?? ''}&to=${data.to ?? ''}` : ''}
    >
      <PageTitle
        title={t('nav.stats')}
        hint={t('stats.hint')}
        extra={
          <Space wrap>
            {data && (
              <Typography.Text type="secondary" data-testid="stats-as-of">
                {t('stats.asOf', { day: data.asOf })}
              </Typography.Text>
            )}
            {exportMenu}
          </Space>
        }
      />
      <FilterBar gap={16}>
        <Space size={6}>
          <Typography.Text>{t('stats.filter.source')}</Typography.Text>
          <Select<MatterSource | ''>
            style={{ width: 170 }}
            value={source ?? ''}
            onChange={(v) => update({ source: v || undefined })}
            options={[{ value: '', label: t('stats.filter.allSources') }, ...MATTER_SOURCES.map((s) => ({ value: s, label: l(SOURCE_LABELS[s]) }))]}
            aria-label={t('stats.filter.source')}
            data-testid="stats-source"
          />
        </Space>
        <Space size={6}>
          <Typography.Text>{t('stats.filter.period')}</Typography.Text>
          <DatePicker.RangePicker
            style={{ width: 260 }}
            value={[from ? dayjs(from, DAY) : null, to ? dayjs(to, DAY) : null]}
            allowEmpty={[true, true]}
            placeholder={[t('stats.filter.from'), t('stats.filter.to')]}
            presets={presets}
            onChange={(dates) => update({ from: dates?.[0]?.format(DAY), to: dates?.[1]?.format(DAY) })}
            data-testid="stats-period"
          />
        </Space>
        <Space size={6}>
          <Typography.Text>{t('stats.filter.by')}</Typography.Text>
          <Segmented<Grouping>
            value={by}
            onChange={(v) => update({ by: v })}
            options={GROUPINGS.map((g) => ({ value: g, label: <span data-testid={`stats-by-${g}`}>{t(BY_LABELS[g])}</span> }))}
            data-testid="stats-by"
          />
        </Space>
        <Space size={8}>
          <ResetButton onClick={() => setParams(writeFilters({ by }), { replace: true })} disabled={!filtered} testId="stats-reset" />
          <RefreshButton onClick={reload} loading={loading && data !== null} />
        </Space>
      </FilterBar>

      <FiguresView state={figures} updatingText={t('stats.updating')}>
        {(shown) => (
          <>
            <div style={{ marginTop: 12 }}>
              <Kpis totals={shown.totals} replies={showsReplies(shown.source ?? undefined, shown)} />
            </div>
            {shown.totals.total === 0 ? (
              <Card size="small" style={{ marginTop: 12 }} data-testid="stats-empty">
                <Empty description={filtered ? t('stats.empty') : t('stats.emptyAll')} />
              </Card>
            ) : (
              <>
                <StatsCharts data={shown} by={shown.by} />
                <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
                  <Col xs={24} xxl={10}>
                    <RankingTable ranking={shown.ranking} by={shown.by} />
                  </Col>
                  <Col xs={24} xxl={14}>
                    <OverdueTable overdue={shown.overdue} />
                  </Col>
                </Row>
              </>
            )}
          </>
        )}
      </FiguresView>
    </div>
  );
}
