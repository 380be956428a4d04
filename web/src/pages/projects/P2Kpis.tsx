/**
 * The dashboard's headline figures, one card each, exact as the bulletin prints them: counts,
 * 亿元 with two decimals, rates to 0.1 % with their fraction, the lead or lag in points, and the
 * lights, each a link to the project list of that light.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { formatPoints, formatWan, formatYi, monthNumber } from '../../../../src/domain/projects.ts';
import type { Figures } from '../../../../src/modules/projects/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { LIGHTS, LIGHT_COLORS, lightLink, pointsColor, rateText } from './P2shared.ts';

interface KpiProps {
  id: string;
  title: MsgKey;
  help: MsgKey;
  value: ReactNode;
  /** Shown on hover over the value. */
  valueTip?: string;
  suffix?: string;
  sub?: ReactNode;
  color?: string;
  attrs?: Record<string, string>;
}

function Kpi({ id, title, help, value, valueTip, suffix, sub, color, attrs }: KpiProps) {
  const { t } = useI18n();
  const shown = (
    <span data-testid={id} {...attrs}>
      {value}
    </span>
  );
  return (
    <Card size="small" data-testid={`${id}-card`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
        <span>{t(title)}</span>
        <Tooltip title={t(help)}>
          <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.35)', cursor: 'help' }} aria-label={t(help)} />
        </Tooltip>
      </div>
      <div style={{ fontSize: 24, fontWeight: 600, lineHeight: '34px', color, whiteSpace: 'nowrap' }}>
        {valueTip ? (
          <Tooltip title={valueTip}>
            <span style={{ cursor: 'help' }}>{shown}</span>
          </Tooltip>
        ) : (
          shown
        )}
        {suffix && <span style={{ fontSize: 13, fontWeight: 400, marginLeft: 4, color: 'rgba(0,0,0,0.65)' }}>{suffix}</span>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', minHeight: 20 }} data-testid={`${id}-sub`}>
        {sub}
      </Typography.Text>
    </Card>
  );
}

export function ProjectKpis({ figures }: { figures: Figures }) {
  const { t } = useI18n();
  const f = figures;
  const yi = t('projectStats.unit.yi');
  const m = monthNumber(f.month);
  return (
    <div data-testid="project-kpis" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 12 }}>
      <Kpi id="kpi-projects" title="projectStats.kpi.projects" help="projectStats.kpi.projectsHelp" value={f.projects} suffix={t('projectStats.unit.projects')} />
      <Kpi id="kpi-total" title="projectStats.kpi.total" help="projectStats.kpi.totalHelp" value={formatYi(f.total)} suffix={yi} />
      <Kpi id="kpi-planned" title="projectStats.kpi.planned" help="projectStats.kpi.plannedHelp" value={formatYi(f.planned)} suffix={yi} />
      <Kpi
        id="kpi-completed"
        title="projectStats.kpi.completed"
        help="projectStats.kpi.completedHelp"
        value={formatYi(f.completed)}
        suffix={yi}
        sub={t('projectStats.kpi.completedSub', { wan: formatWan(f.completed) })}
      />
      <Kpi
        id="kpi-completion"
        title="projectStats.kpi.completion"
        help="projectStats.kpi.completionHelp"
        value={rateText(f.completionRate)}
        valueTip={f.completionRate.denominator > 0 ? t('projectStats.kpi.completionTip', { completed: formatWan(f.completed), planned: formatWan(f.planned) }) : undefined}
        sub={f.completionRate.denominator > 0 ? t('projectStats.kpi.completionSub', { completed: formatYi(f.completed), planned: formatYi(f.planned) }) : t('projectStats.kpi.nothingPlanned')}
      />
      <Kpi id="kpi-pace" title="projectStats.kpi.pace" help="projectStats.kpi.paceHelp" value={rateText(f.pace)} sub={t('projectStats.kpi.paceSub', { m })} />
      <Kpi
        id="kpi-lead"
        title={f.leadPoints !== null && f.leadPoints < 0 ? 'projectStats.kpi.lag' : 'projectStats.kpi.lead'}
        help="projectStats.kpi.leadHelp"
        value={formatPoints(f.leadPoints)}
        suffix={f.leadPoints === null ? undefined : t('projectStats.unit.points')}
        color={pointsColor(f.leadPoints)}
        attrs={{ 'data-sign': f.leadPoints === null ? 'none' : f.leadPoints > 0 ? 'ahead' : f.leadPoints < 0 ? 'behind' : 'even' }}
      />
      <Kpi
        id="kpi-start-rate"
        title="projectStats.kpi.startRate"
        help="projectStats.kpi.startRateHelp"
        value={rateText(f.startRate)}
        sub={f.startRate.denominator > 0 ? t('projectStats.kpi.startSub', { n: f.started, d: f.dueToStart }) : t('projectStats.kpi.noneDue')}
      />
      <Kpi
        id="kpi-registration-rate"
        title="projectStats.kpi.registrationRate"
        help="projectStats.kpi.registrationRateHelp"
        value={rateText(f.registrationRate)}
        sub={f.registrationRate.denominator > 0 ? t('projectStats.kpi.registrationSub', { n: f.registered, d: f.mustRegister }) : t('projectStats.kpi.noneMust')}
      />
      <Card size="small" data-testid="kpi-lights-card">
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
          <span>{t('projectStats.kpi.lights')}</span>
          <Tooltip title={t('projectStats.kpi.lightsHelp')}>
            <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.35)', cursor: 'help' }} aria-label={t('projectStats.kpi.lightsHelp')} />
          </Tooltip>
        </div>
        <div style={{ display: 'flex', gap: 14, fontSize: 22, fontWeight: 600, lineHeight: '34px', whiteSpace: 'nowrap' }}>
          {LIGHTS.map((light) => (
            <Tooltip key={light} title={t('projectStats.kpi.lightLink', { light: t(`projectStats.light.${light}`), n: f[light] })}>
              <Link
                to={lightLink(light, f.month)}
                data-testid={`kpi-${light}-link`}
                aria-label={t('projectStats.kpi.lightLink', { light: t(`projectStats.light.${light}`), n: f[light] })}
                style={{ color: LIGHT_COLORS[light], display: 'inline-flex', alignItems: 'center', gap: 5 }}
              >
                <span aria-hidden style={{ width: 10, height: 10, borderRadius: '50%', background: LIGHT_COLORS[light], display: 'inline-block' }} />
                <span data-testid={`kpi-${light}`}>{f[light]}</span>
              </Link>
            </Tooltip>
          ))}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', minHeight: 20 }}>
          {t('projectStats.kpi.lightsSub')}
        </Typography.Text>
      </Card>
    </div>
  );
}
