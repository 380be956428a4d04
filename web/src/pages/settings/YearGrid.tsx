/** Twelve small months of a year: holidays in red with their names, make-up working days marked 班, weekends grey, overrides with a corner dot. */
import { memo, useMemo } from 'react';
import { Tooltip } from 'antd';
import type { CalendarDay } from '../../../../src/modules/calendar/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { dayKind, monthWeeks, type DayKind } from './rules.ts';

export const SOURCE_LABELS: Record<CalendarDay['source'], MsgKey> = {
  base: 'cal.source.base',
  override: 'cal.source.override',
  weekday: 'cal.source.weekday',
  weekend: 'cal.source.weekend',
};

export const KIND_LABELS: Record<DayKind, MsgKey> = {
  holiday: 'cal.kind.holiday',
  makeup: 'cal.kind.makeup',
  weekend: 'cal.kind.weekend',
  weekday: 'cal.kind.weekday',
};

/** The long weekday of a day ("星期四", "Thursday"). */
export function weekdayName(day: string, lang: 'zh' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A holiday's name as a small cell fits it: 国庆节 → 国庆 (the tooltip has it in full). */
const shortName = (name: string) => (/^[\u4e00-\u9fff]{3,}节$/.test(name) ? name.slice(0, -1) : name);

interface Props {
  year: number;
  days: readonly CalendarDay[];
  today: string;
  /** Set for administrators: a click on a day opens its editor. */
  onPick?: (day: CalendarDay) => void;
}

export const YearGrid = memo(function YearGrid({ year, days, today, onPick }: Props) {
  const { t, l, lang } = useI18n();
  const byDay = useMemo(() => new Map(days.map((d) => [d.day, d])), [days]);
  const heads = t('cal.weekHead').split(',');
  const monthName = (m: number) =>
    lang === 'zh' ? t('cal.month', { m }) : new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 1)));

  const cell = (day: string) => {
    const d = byDay.get(day);
    if (!d) return null;
    const kind = dayKind(d);
    const name = l({ zh: d.name, en: d.nameEn || d.name });
    const label = kind === 'holiday' ? shortName(name) || t('cal.restMark') : kind === 'makeup' ? t('cal.makeupMark') : '';
    const cls = ['ls-cal-day', `ls-cal-${kind}`, d.source === 'override' ? 'ls-cal-override' : '', day === today ? 'ls-cal-today' : ''].filter(Boolean).join(' ');
    const tip = (
      <div className="ls-cal-tip">
        <div>
          <b>
            {day} {weekdayName(day, lang)}
          </b>
        </div>
        <div>
          {d.working ? t('cal.working') : t('cal.rest')}
          {name ? ` · ${name}` : ''}
        </div>
        <div>{t('cal.sourceLine', { source: t(SOURCE_LABELS[d.source]) })}</div>
        {!d.official && <div>{t('cal.tipProvisional')}</div>}
        {onPick && <div>{t('cal.tipClick')}</div>}
      </div>
    );
    const content = (
      <>
        <span className="ls-cal-num">{Number(day.slice(8))}</span>
        {label && <span className="ls-cal-label">{label}</span>}
      </>
    );
    const attrs = { 'data-testid': `cal-day-${day}`, 'data-kind': kind, 'data-working': String(d.working), 'data-source': d.source };
    return (
      <Tooltip title={tip} mouseEnterDelay={0.25}>
        {onPick ? (
          <button type="button" className={cls} onClick={() => onPick(d)} aria-label={`${day} ${label}`} {...attrs}>
            {content}
          </button>
        ) : (
          <div className={cls} {...attrs}>
            {content}
          </div>
        )}
      </Tooltip>
    );
  };

  return (
    <div className="ls-cal-grid" data-testid="cal-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
        const prefix = `${year}-${String(m).padStart(2, '0')}-`;
        const working = days.filter((d) => d.day.startsWith(prefix) && d.working).length;
        return (
          <div key={m} className="ls-cal-month" data-testid={`cal-month-${m}`}>
            <div className="ls-cal-month-head">
              <span className="ls-cal-month-name">{monthName(m)}</span>
              <span className="ls-cal-month-count">{t('cal.monthWorking', { n: working })}</span>
            </div>
            <table className="ls-cal-table">
              <thead>
                <tr>
                  {heads.map((h, i) => (
                    <th key={h} className={i >= 5 ? 'ls-cal-we' : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthWeeks(year, m).map((week, w) => (
                  <tr key={w}>
                    {week.map((day, i) => (
                      <td key={day ?? `e${i}`}>{day && cell(day)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
});
