/** Small pieces every matters page shows the same way: state, source, light, the due date, the assisting units. */
import { Form, Tag, Tooltip, Typography } from 'antd';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import {
  LIGHT_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  dayInChina,
  type Light,
  type MatterSource,
  type MatterState,
} from '../../../../src/domain/matters.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';

/** Today in China (the day every deadline is counted in). */
export const todayInChina = (): string => dayInChina(new Date());

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

const STATE_COLORS: Record<MatterState, string> = {
  submitted: 'purple',
  assigned: 'orange',
  in_progress: 'processing',
  closure_requested: 'gold',
  replied: 'cyan',
  sent_back: 'magenta',
  closed: 'success',
};

export function StateTag({ state, testId }: { state: MatterState; testId?: string }) {
  const { l } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} data-state={state}>
      {l(STATE_LABELS[state])}
    </Tag>
  );
}

const SOURCE_COLORS: Record<MatterSource, string> = {
  instruction: 'red',
  meeting: 'volcano',
  superior: 'geekblue',
  rectification: 'orange',
  suggestion: 'green',
  proposal: 'cyan',
  petition: 'purple',
  project: 'magenta',
};

export function SourceTag({ source }: { source: MatterSource }) {
  const { l } = useI18n();
  return (
    <Tag color={SOURCE_COLORS[source]} variant="outlined">
      {l(SOURCE_LABELS[source])}
    </Tag>
  );
}

export const LIGHT_COLORS: Record<Light, string> = {
  none: '#bfbfbf',
  blue: '#1677ff',
  yellow: '#faad14',
  red: '#f5222d',
};

const LIGHT_SHORT: Record<Light, MsgKey> = {
  none: 'matter.light.none',
  blue: 'matter.light.blue',
  yellow: 'matter.light.yellow',
  red: 'matter.light.red',
};

/** The warning light as a coloured dot and its name (蓝灯/黄灯/红灯); the full meaning on hover. */
export function LightTag({ light, testId }: { light: Light; testId?: string }) {
  const { t, l } = useI18n();
  return (
    <Tooltip title={l(LIGHT_LABELS[light])}>
      <span className={`ls-light ls-light-${light}`} data-testid={testId} data-light={light}>
        <span className="ls-light-dot" style={{ background: LIGHT_COLORS[light] }} />
        {t(LIGHT_SHORT[light])}
      </span>
    </Tooltip>
  );
}

/** "剩N天" / "今日到期" / "逾期N天" for an open deadline. */
export function DaysLeft({ due, today }: { due: string; today?: string }) {
  const { t } = useI18n();
  const left = daysBetween(today ?? todayInChina(), due);
  if (left < 0) return <Typography.Text type="danger">{t('matter.due.overdue', { n: -left })}</Typography.Text>;
  if (left === 0) return <Typography.Text type="warning">{t('matter.due.today')}</Typography.Text>;
  return <Typography.Text type={left <= 2 ? 'warning' : 'secondary'}>{t('matter.due.left', { n: left })}</Typography.Text>;
}

/** The due date of a matter with how much time is left, or how it ended. */
export function DueCell({
  dueOn,
  state,
  closedOn,
  closedOnTime,
}: {
  dueOn: string | null;
  state: MatterState;
  closedOn: string | null;
  closedOnTime: boolean | null;
}) {
  const { t } = useI18n();
  if (state === 'closed') {
    return (
      <span className="ls-due">
        <span>{closedOn ?? dueOn ?? '—'}</span>
        {closedOnTime === false ? (
          <Typography.Text type="danger">{t('matter.due.closedLate')}</Typography.Text>
        ) : (
          <Typography.Text type="success">{t('matter.due.closed')}</Typography.Text>
        )}
      </span>
    );
  }
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span className="ls-due">
      <span>{dueOn}</span>
      {(state === 'assigned' || state === 'in_progress') && <DaysLeft due={dueOn} />}
    </span>
  );
}

/** 协办单位: any units but the lead one, chosen after it. */
export function AssistUnitsField({ units, leadUnitId, disabled, testId }: { units: readonly Unit[]; leadUnitId: number | null | undefined; disabled?: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="assistUnitIds" label={t('matter.assistUnits')} extra={t('matter.assistUnitsHelp')}>
      <UnitTreeSelect
        units={units}
        multiple
        allowClear
        hideInactive
        fullLabels
        disabled={disabled}
        isDisabled={(u) => u.id === leadUnitId}
        placeholder={t('matter.assistUnitsPlaceholder')}
        data-testid={testId}
      />
    </Form.Item>
  );
}
