/** The headline figures of the statistics page, one card each, with how each is counted on hover. */
import type { ReactNode } from 'react';
import { Card, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { MatterStats } from '../../../../src/modules/matter-stats/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { fractionText, rateText, type Rate } from './shared.ts';

interface KpiProps {
  id: string;
  title: MsgKey;
  help: MsgKey;
  value: ReactNode;
  suffix?: string;
  sub?: ReactNode;
  danger?: boolean;
  good?: boolean;
}

function Kpi({ id, title, help, value, suffix, sub, danger, good }: KpiProps) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={`stats-kpi-${id}`} style={danger ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
        <span>{t(title)}</span>
        <Tooltip title={t(help)}>
          <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.35)', cursor: 'help' }} aria-label={t(help)} />
        </Tooltip>
      </div>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: '36px', color: danger ? '#cf1322' : good ? '#237804' : undefined, whiteSpace: 'nowrap' }}>
        <span data-testid={`stats-kpi-${id}-value`}>{value}</span>
        {suffix && <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 4 }}>{suffix}</span>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', minHeight: 20 }} data-testid={`stats-kpi-${id}-sub`}>
        {sub}
      </Typography.Text>
    </Card>
  );
}

function RateKpi({ id, title, help, rate, empty }: { id: string; title: MsgKey; help: MsgKey; rate: Rate; empty?: MsgKey }) {
  const { t } = useI18n();
  return (
    <Kpi
      id={id}
      title={title}
      help={help}
      value={rateText(rate)}
      sub={rate.denominator > 0 ? fractionText(rate, t) : t(empty ?? 'stats.kpi.noRate')}
    />
  );
}

export function Kpis({ totals, replies }: { totals: MatterStats['totals']; replies: boolean }) {
  const { t } = useI18n();
  const late = totals.closed - totals.closedOnTime;
  return (
    <div data-testid="stats-kpis" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
      <Kpi id="total" title="stats.kpi.total" help="stats.kpi.totalHelp" value={totals.total} sub={t('stats.kpi.totalSub', { open: totals.open })} />
      <Kpi
        id="closed"
        title="stats.kpi.closed"
        help="stats.kpi.closedHelp"
        value={totals.closed}
        sub={totals.closed > 0 ? t('stats.kpi.closedSub', { onTime: totals.closedOnTime, late }) : undefined}
      />
      <RateKpi id="closureRate" title="stats.kpi.closureRate" help="stats.kpi.closureRateHelp" rate={totals.closureRate} />
      <RateKpi id="onTimeRate" title="stats.kpi.onTimeRate" help="stats.kpi.onTimeRateHelp" rate={totals.onTimeRate} empty="stats.kpi.noneClosed" />
      <Kpi
        id="overdue"
        title="stats.kpi.overdue"
        help="stats.kpi.overdueHelp"
        value={totals.overdue}
        danger={totals.overdue > 0}
        good={totals.total > 0 && totals.overdue === 0}
        sub={totals.open > 0 ? t('stats.kpi.overdueSub', { n: totals.overdue, d: totals.open }) : undefined}
      />
      <Kpi
        id="avgDays"
        title="stats.kpi.avgDays"
        help="stats.kpi.avgDaysHelp"
        value={totals.avgDaysToClose ?? '—'}
        suffix={totals.avgDaysToClose === null ? undefined : t('stats.kpi.days')}
        sub={totals.avgDaysToClose === null ? t('stats.kpi.noneClosed') : undefined}
      />
      {replies && (
        <>
          <RateKpi id="repliedOnTimeRate" title="stats.kpi.repliedOnTimeRate" help="stats.kpi.repliedOnTimeRateHelp" rate={totals.replies.repliedOnTimeRate} />
          <RateKpi id="satisfactionRate" title="stats.kpi.satisfactionRate" help="stats.kpi.satisfactionRateHelp" rate={totals.replies.satisfactionRate} />
        </>
      )}
    </div>
  );
}
