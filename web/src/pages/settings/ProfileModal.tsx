/**
 * Editing a clock profile: the steps' time limits and names, how days are counted, reminders and
 * extensions. Which steps there are stays fixed (the matters engine refers to them). Field errors
 * go next to their fields; a conflicting edit by someone else loads the latest version and says so.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ClockProfileRecord, UpdateProfileBody } from '../../../../src/modules/calendar/schema.ts';
import type { FieldIssue } from '../../../../src/platform/errors.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText, issueText } from '../../feedback.ts';
import { SCOPE_LABELS, relabel, stepRule, stepScope } from './rules.ts';

type Unit = 'days' | 'months';
type Step = ClockProfileRecord['steps'][number];
type NamePath = (string | number)[];

interface StepValues {
  zh: string;
  en: string;
  amount: number | null;
  unit: Unit;
}

const SETTING_KEYS = ['blueDays', 'escalateLeaderAfterDays', 'extensionMaxMonths', 'rehandleMonths'] as const;
type SettingKey = (typeof SETTING_KEYS)[number];

interface Values {
  zh: string;
  en: string;
  dayMode: ClockProfileRecord['dayMode'];
  shiftOffNonWorking: boolean;
  steps: StepValues[];
  settings: Record<SettingKey, number | null>;
}

const MAX: Record<Unit, number> = { days: 365, months: 12 };

function toValues(p: ClockProfileRecord): Values {
  return {
    zh: p.zh,
    en: p.en,
    dayMode: p.dayMode,
    shiftOffNonWorking: p.shiftOffNonWorking,
    steps: p.steps.map((s) => ({ zh: s.zh, en: s.en, amount: s.months ?? s.days ?? null, unit: s.months !== undefined ? 'months' : 'days' })),
    settings: {
      blueDays: p.settings.blueDays,
      escalateLeaderAfterDays: p.settings.escalateLeaderAfterDays,
      extensionMaxMonths: p.settings.extensionMaxMonths ?? null,
      rehandleMonths: p.settings.rehandleMonths ?? null,
    },
  };
}

/** The steps as the server wants them: the same steps, with their new limits and names. */
function stepsOf(p: ClockProfileRecord, v: Values): Step[] {
  return p.steps.map((s, i) => {
    const x = v.steps[i] as StepValues;
    const base: Step = { step: s.step, kind: s.kind, zh: x.zh.trim(), en: x.en.trim(), ...(s.major ? { major: true } : {}) };
    if (s.fixed) return { ...base, fixed: true };
    return x.unit === 'months' ? { ...base, months: x.amount ?? 0 } : { ...base, days: x.amount ?? 0 };
  });
}

function settingsOf(p: ClockProfileRecord, v: Values): ClockProfileRecord['settings'] {
  const out: ClockProfileRecord['settings'] = { ...p.settings, blueDays: v.settings.blueDays ?? 0, escalateLeaderAfterDays: v.settings.escalateLeaderAfterDays ?? 0 };
  delete out.extensionMaxMonths;
  delete out.rehandleMonths;
  if (v.settings.extensionMaxMonths != null) out.extensionMaxMonths = v.settings.extensionMaxMonths;
  if (v.settings.rehandleMonths != null) out.rehandleMonths = v.settings.rehandleMonths;
  return out;
}

/** JSON with sorted keys, to tell whether anything changed. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Where a server issue's field lives in this form. */
function issuePath(field: string): NamePath | null {
  if (['zh', 'en', 'dayMode', 'shiftOffNonWorking'].includes(field)) return [field];
  const parts = field.split('.');
  if (parts[0] === 'steps' && parts.length === 3 && /^\d+$/.test(parts[1] ?? '')) {
    const i = Number(parts[1]);
    if (parts[2] === 'days' || parts[2] === 'months') return ['steps', i, 'amount'];
    if (parts[2] === 'zh' || parts[2] === 'en') return ['steps', i, parts[2]];
  }
  if (parts[0] === 'settings' && parts.length === 2 && (SETTING_KEYS as readonly string[]).includes(parts[1] ?? '')) return ['settings', parts[1] as string];
  return null;
}

interface Props {
  profile: ClockProfileRecord;
  onClose: () => void;
  onSaved: (p: ClockProfileRecord) => void;
  /** The profile changed under the user: the list behind reloads. */
  onStale: () => void;
}

export function ProfileModal({ profile: initial, onClose, onSaved, onStale }: Props) {
  const { t, l, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [profile, setProfile] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  // The last number of each step's limit, so its name can follow a change.
  const last = useRef(toValues(initial).steps.map((s) => ({ amount: s.amount, unit: s.unit })));

  const dayMode = Form.useWatch('dayMode', form) ?? profile.dayMode;
  const shift = Form.useWatch('shiftOffNonWorking', form) ?? profile.shiftOffNonWorking;
  const stepValues = Form.useWatch('steps', form) as StepValues[] | undefined;

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    const steps = changed.steps;
    if (!steps) return;
    steps.forEach((c, i) => {
      if (!c || !('amount' in c || 'unit' in c)) return;
      const now = all.steps[i];
      const before = last.current[i];
      if (!now || !before || now.amount === null || now.amount === undefined) return;
      if (before.amount !== null && before.unit === now.unit && before.amount !== now.amount) {
        form.setFieldValue(['steps', i, 'zh'], relabel(now.zh, before.amount, now.amount, 'zh'));
        form.setFieldValue(['steps', i, 'en'], relabel(now.en, before.amount, now.amount, 'en'));
      }
      last.current[i] = { amount: now.amount, unit: now.unit };
    });
  };

  const save = async (v: Values) => {
    setProblem(null);
    const next = { zh: v.zh.trim(), en: v.en.trim(), dayMode: v.dayMode, shiftOffNonWorking: v.shiftOffNonWorking, steps: stepsOf(profile, v), settings: settingsOf(profile, v) };
    const before = { zh: profile.zh, en: profile.en, dayMode: profile.dayMode, shiftOffNonWorking: profile.shiftOffNonWorking, steps: profile.steps, settings: profile.settings };
    if (canonical(next) === canonical(before)) {
      setProblem(t('common.noChanges'));
      return;
    }
    const body: UpdateProfileBody = { version: profile.version, ...next };
    setBusy(true);
    try {
      const saved = await api.updateClockProfile(profile.code, body);
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.handled) return;
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        try {
          const fresh = await api.clockProfile(profile.code);
          setProfile(fresh);
          form.setFieldsValue(toValues(fresh));
          last.current = toValues(fresh).steps.map((s) => ({ amount: s.amount, unit: s.unit }));
          setConflict(fresh.version);
        } catch (e2) {
          setProblem(errorText(e2, lang, t('error.unexpected')));
        }
        onStale();
        return;
      }
      const rest: FieldIssue[] = [];
      const byPath = new Map<string, { name: NamePath; errors: string[] }>();
      if (isApiError(e)) {
        for (const issue of e.issues) {
          const name = issuePath(issue.field);
          if (!name) {
            rest.push(issue);
            continue;
          }
          const entry = byPath.get(name.join('.')) ?? { name, errors: [] };
          entry.errors.push(issueText(issue, lang));
          byPath.set(name.join('.'), entry);
        }
      }
      if (byPath.size) form.setFields([...byPath.values()] as Parameters<typeof form.setFields>[0]);
      if (rest.length) setProblem(rest.map((i) => issueText(i, lang)).join('；'));
      else if (byPath.size) setProblem(t('error.checkFields'));
      else setProblem(errorText(e, lang, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  const amountRule = (i: number) => ({
    validator: (_r: unknown, v: number | null) => {
      const unit = (form.getFieldValue(['steps', i, 'unit']) as Unit | undefined) ?? 'days';
      if (v === null || v === undefined) return Promise.reject(new Error(t('clock.amountRequired')));
      if (!Number.isInteger(v) || v < 0 || v > MAX[unit]) return Promise.reject(new Error(t(unit === 'months' ? 'clock.monthsRange' : 'clock.daysRange', { max: MAX[unit] })));
      return Promise.resolve();
    },
  });

  const numberItem = (key: SettingKey, label: string, suffix: string, max: number, optional: boolean, help?: string) => (
    <Col xs={24} md={12}>
      <Form.Item
        name={['settings', key]}
        label={label}
        extra={help}
        rules={[
          ...(optional ? [] : [{ required: true, message: t('clock.amountRequired') }]),
          { type: 'integer' as const, min: 0, max, message: t('clock.rangeOf', { max }) },
        ]}
      >
        <InputNumber min={0} max={max} precision={0} suffix={suffix} style={{ width: 160 }} placeholder={optional ? t('clock.unlimited') : undefined} data-testid={`clock-setting-${key}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      width={900}
      title={t('clock.editTitle', { name: l(profile) })}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="clock-modal"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="clock-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('clock.editHint')} />
      {conflict !== null && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="clock-conflict" title={t('conflict.title')} description={t('clock.conflict', { version: conflict })} />
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="clock-form-error" title={problem} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(initial)}
        onValuesChange={onValuesChange}
        onFinish={(v) => void save(v)}
        onFinishFailed={() => setProblem(t('error.checkFields'))}
        scrollToFirstError
        disabled={busy}
        requiredMark="optional"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="zh" label={t('clock.nameZh')} rules={[{ required: true, whitespace: true, message: t('clock.nameRequired') }, { max: 100, message: t('common.maxLength', { n: 100 }) }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="en" label={t('clock.nameEn')} rules={[{ required: true, whitespace: true, message: t('clock.nameRequired') }, { max: 100, message: t('common.maxLength', { n: 100 }) }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dayMode" label={t('clock.dayMode')} extra={dayMode === 'working' ? t('clock.modeWorkingHelp') : t('clock.modeCalendarHelp')} required>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="clock-daymode">
                <Radio.Button value="calendar" data-testid="clock-daymode-calendar">
                  {t('clock.mode.calendar')}
                </Radio.Button>
                <Radio.Button value="working" data-testid="clock-daymode-working">
                  {t('clock.mode.working')}
                </Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="shiftOffNonWorking"
              label={t('clock.shift')}
              valuePropName="checked"
              required
              extra={dayMode === 'working' ? t('clock.shiftWorking') : t('clock.shiftHelp')}
            >
              <Switch disabled={dayMode === 'working'} checkedChildren={t('clock.shiftYes')} unCheckedChildren={t('clock.shiftNo')} data-testid="clock-shift" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('clock.steps')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('clock.stepsHint')}</Typography.Paragraph>
        {profile.steps.map((s, i) => {
          const v = stepValues?.[i];
          const preview: Step | null =
            s.fixed || !v || v.amount === null || v.amount === undefined
              ? s.fixed
                ? s
                : null
              : v.unit === 'months'
                ? { ...s, days: undefined, months: v.amount }
                : { ...s, months: undefined, days: v.amount };
          const scope = stepScope(s, profile);
          return (
            <div key={s.step} className="ls-clock-step-row" data-testid={`clock-form-step-${s.step}`}>
              <div className="ls-clock-step-head">
                <Tag>{i + 1}</Tag>
                <Tag color={scope === 'major' ? 'volcano' : scope === 'ordinary' ? 'blue' : undefined}>{t(SCOPE_LABELS[scope])}</Tag>
                {preview && <span className="ls-clock-rule">{l(stepRule(preview, { dayMode, shiftOffNonWorking: shift }))}</span>}
              </div>
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  {s.fixed ? (
                    <Form.Item label={t('clock.stepLimit')} required>
                      <Typography.Text>{t('clock.fixed')}</Typography.Text>
                    </Form.Item>
                  ) : (
                    <Form.Item label={t('clock.stepLimit')} required>
                      <Space.Compact>
                        <Form.Item name={['steps', i, 'amount']} noStyle rules={[amountRule(i)]} dependencies={[['steps', i, 'unit']]}>
                          <InputNumber min={0} max={365} precision={0} style={{ width: 80 }} data-testid={`clock-step-amount-${s.step}`} />
                        </Form.Item>
                        <Form.Item name={['steps', i, 'unit']} noStyle>
                          <Select<Unit>
                            style={{ width: 90 }}
                            options={[
                              { value: 'days', label: t(dayMode === 'working' ? 'clock.unitWorkingDays' : 'clock.unitDays') },
                              { value: 'months', label: t('clock.unitMonths') },
                            ]}
                            data-testid={`clock-step-unit-${s.step}`}
                          />
                        </Form.Item>
                      </Space.Compact>
                    </Form.Item>
                  )}
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item
                    name={['steps', i, 'zh']}
                    label={t('clock.stepNameZh')}
                    rules={[{ required: true, whitespace: true, message: t('clock.nameRequired') }, { max: 100, message: t('common.maxLength', { n: 100 }) }]}
                  >
                    <Input maxLength={100} data-testid={`clock-step-zh-${s.step}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item
                    name={['steps', i, 'en']}
                    label={t('clock.stepNameEn')}
                    rules={[{ required: true, whitespace: true, message: t('clock.nameRequired') }, { max: 200, message: t('common.maxLength', { n: 200 }) }]}
                  >
                    <Input maxLength={200} data-testid={`clock-step-en-${s.step}`} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          );
        })}

        <Divider titlePlacement="start" plain>
          {t('clock.reminders')}
        </Divider>
        <Row gutter={16}>
          {numberItem('blueDays', t('clock.blueDays'), t('clock.suffixDays'), 365, false, t('clock.blueDaysHelp'))}
          {numberItem('escalateLeaderAfterDays', t('clock.escalate'), t('clock.suffixDays'), 365, false, t('clock.escalateHelp'))}
          {numberItem('extensionMaxMonths', t('clock.extension'), t('clock.suffixMonths'), 12, true, t('clock.extensionHelp'))}
          {profile.settings.rehandleMonths !== undefined &&
            numberItem('rehandleMonths', t('clock.rehandle'), t('clock.suffixMonths'), 12, true, t('clock.rehandleHelp'))}
        </Row>
      </Form>
    </Modal>
  );
}
