/** The working-day calendar of a year: whether it is official, twelve small months, and the administrators' changes with what they did. */
import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Popconfirm, Select, Space, Spin, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { EditOutlined, FileAddOutlined, LeftOutlined, ReloadOutlined, RightOutlined, UndoOutlined } from '@ant-design/icons';
import type { CalendarDay, CalendarYear, Recomputed } from '../../../../src/modules/calendar/schema.ts';
import { roleMay } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText, useReportError } from '../../feedback.ts';
import { fmtDateTime } from '../../util.ts';
import { useRemote } from '../../components/useRemote.ts';
import { LoadFailed, PageSpin } from '../../components/PageState.tsx';
import { YearGrid } from './YearGrid.tsx';
import { DayModal } from './DayModal.tsx';
import { NoticeModal } from './NoticeModal.tsx';
import { tallyYear } from './rules.ts';

/** The first year of the bundled official data. */
const FIRST_YEAR = 2004;

interface Props {
  year: number;
  thisYear: number;
  today: string;
  setYear: (year: number) => void;
}

interface Done {
  year: number;
  what: string;
  recomputed: Recomputed;
}

export function CalendarPanel({ year, thisYear, today, setYear }: Props) {
  const { t, lang } = useI18n();
  const { me } = useMe();
  const reportError = useReportError();
  const mayEdit = roleMay(me.role, 'calendar.manage');
  const { data, loading, error, reload } = useRemote<CalendarYear>(() => api.calendar(year), [year]);
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  const current = data && data.year === year ? data : null;
  const tally = useMemo(() => (current ? tallyYear(current.days) : null), [current]);
  const years = useMemo(() => {
    const last = Math.max(thisYear + 3, year);
    const out: number[] = [];
    for (let y = Math.min(FIRST_YEAR, year); y <= last; y++) out.push(y);
    return out.reverse();
  }, [thisYear, year]);

  const finished = useCallback(
    (what: string, recomputed: Recomputed) => {
      setPicked(null);
      setNoticeOpen(false);
      setDone({ year, what, recomputed });
      reload();
    },
    [year, reload],
  );
  const onPick = useCallback((d: CalendarDay) => setPicked(d), []);

  const withdraw = async () => {
    setWithdrawing(true);
    try {
      const r = await api.clearCalendarYear(year);
      finished(t('cal.didNoticeWithdraw', { year }), r.recomputed);
    } catch (e) {
      reportError(e);
    } finally {
      setWithdrawing(false);
    }
  };

  const consequence = (r: Recomputed): string => {
    if (r.moved === 0 && r.provisionalChanged === 0) return t('cal.recomputedNone', { checked: r.checked });
    const parts: string[] = [];
    if (r.moved > 0) parts.push(t('cal.recomputedMoved', { moved: r.moved, matters: r.matters }));
    if (r.provisionalChanged > 0) parts.push(t('cal.recomputedProvisional', { n: r.provisionalChanged }));
    return t('cal.recomputed', { checked: r.checked, parts: parts.join(t('cal.partsJoin')) });
  };

  const status = (c: CalendarYear) => {
    if (c.notice) {
      const n = c.notice;
      return (
        <Alert
          type="success"
          showIcon
          data-testid="cal-status"
          data-status="entered"
          title={t('cal.statusEntered', { year })}
          description={
            <>
              <div data-testid="cal-notice-current">
                {t('cal.noticeLine', { notice: n.notice })}
                {n.publishedOn && t('cal.noticePublished', { date: n.publishedOn })}
                {t('cal.noticeEntered', { at: fmtDateTime(n.updatedAt) })}
              </div>
              <div>{c.bundled ? t('cal.statusEnteredBundled') : t('cal.statusEnteredHint')}</div>
            </>
          }
          action={
            mayEdit && (
              <Space orientation="vertical" size={6}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setNoticeOpen(true)} data-testid="cal-notice-edit">
                  {t('cal.noticeEdit')}
                </Button>
                <Popconfirm
                  title={t('cal.withdrawTitle', { year })}
                  description={<div style={{ maxWidth: 320 }}>{t('cal.withdrawBody', { year })}</div>}
                  okText={t('cal.withdraw')}
                  okButtonProps={{ danger: true, 'data-testid': 'cal-notice-withdraw-ok' } as ButtonProps}
                  cancelText={t('common.cancel')}
                  onConfirm={withdraw}
                >
                  <Button size="small" danger icon={<UndoOutlined />} loading={withdrawing} data-testid="cal-notice-withdraw">
                    {t('cal.withdraw')}
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        />
      );
    }
    if (c.bundled) {
      return (
        <Alert
          type="success"
          showIcon
          data-testid="cal-status"
          data-status="bundled"
          title={t('cal.statusBundled', { year })}
          description={mayEdit ? t('cal.statusBundledAdmin') : t('cal.statusBundledHint')}
        />
      );
    }
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="cal-status"
        data-status="missing"
        title={t('cal.statusMissing', { year })}
        description={
          <>
            <div>{t('cal.statusMissingBody', { year })}</div>
            <div>{mayEdit ? t('cal.statusMissingAdmin', { year }) : t('cal.statusMissingOthers')}</div>
          </>
        }
        action={
          mayEdit && (
            <Button type="primary" size="small" icon={<FileAddOutlined />} onClick={() => setNoticeOpen(true)} data-testid="cal-notice-enter">
              {t('cal.noticeEnter')}
            </Button>
          )
        }
      />
    );
  };

  let body;
  if (error && !current) body = <LoadFailed error={errorText(error, lang, t('error.unexpected'))} onRetry={reload} />;
  else if (!current || !tally) body = <PageSpin />;
  else
    body = (
      <Spin spinning={loading}>
        {status(current)}
        {done && done.year === year && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            closable={{ onClose: () => setDone(null) }}
            data-testid="cal-result"
            title={done.what}
            description={consequence(done.recomputed)}
          />
        )}
        <div className="ls-cal-summary" data-testid="cal-summary">
          {t('cal.summary', { days: tally.days, working: tally.working, rest: tally.rest, holiday: tally.holiday, makeup: tally.makeup })}
          {tally.overrides > 0 && t('cal.summaryOverrides', { n: tally.overrides })}
        </div>
        <YearGrid year={year} days={current.days} today={today} onPick={mayEdit ? onPick : undefined} />
      </Spin>
    );

  return (
    <div data-testid="cal-panel">
      <div className="ls-cal-bar">
        <Space wrap>
          <Tooltip title={t('cal.prevYear')}>
            <Button icon={<LeftOutlined />} onClick={() => setYear(year - 1)} disabled={year <= 2000} aria-label={t('cal.prevYear')} data-testid="cal-year-prev" />
          </Tooltip>
          <Select<number>
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={years.map((y) => ({ value: y, label: t('cal.yearOption', { year: y }) }))}
            data-testid="cal-year"
          />
          <Tooltip title={t('cal.nextYear')}>
            <Button icon={<RightOutlined />} onClick={() => setYear(year + 1)} disabled={year >= 2100} aria-label={t('cal.nextYear')} data-testid="cal-year-next" />
          </Tooltip>
          {year !== thisYear && <Button onClick={() => setYear(thisYear)}>{t('cal.thisYear')}</Button>}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </Space>
        <div className="ls-cal-legend" data-testid="cal-legend">
          <span>
            <i className="ls-cal-swatch ls-cal-holiday" />
            {t('cal.kind.holiday')}
          </span>
          <span>
            <i className="ls-cal-swatch ls-cal-makeup" />
            {t('cal.kind.makeup')}
          </span>
          <span>
            <i className="ls-cal-swatch ls-cal-weekend" />
            {t('cal.kind.weekend')}
          </span>
          <span>
            <i className="ls-cal-swatch" />
            {t('cal.kind.weekday')}
          </span>
          <span>
            <i className="ls-cal-swatch ls-cal-override" />
            {t('cal.legendOverride')}
          </span>
          <span>
            <i className="ls-cal-swatch ls-cal-today" />
            {t('cal.legendToday')}
          </span>
        </div>
      </div>
      {mayEdit && current && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('cal.adminHint')}
        </Typography.Paragraph>
      )}
      {body}
      {picked && <DayModal day={picked} onClose={() => setPicked(null)} onDone={(what, r) => finished(what, r.recomputed)} />}
      {noticeOpen && current && (
        <NoticeModal year={year} notice={current.notice} onClose={() => setNoticeOpen(false)} onDone={(what, r) => finished(what, r.recomputed)} />
      )}
    </div>
  );
}
