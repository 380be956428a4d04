/**
 * 调度设置, for the project office: the month being filled in and the thresholds that light the
 * projects. Saved with the settings' version; the server checks the values (its field errors
 * show next to the fields) and recomputes the lights, after which the dashboard reloads.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { wanOf, yuanFromWan } from '../../../../src/domain/projects.ts';
import type { ProjectSettings } from '../../../../src/modules/projects/schema.ts';
import { api, isApiError } from '../../api.ts';
import { errorText, useFormErrorHandler } from '../../feedback.ts';
import { useRemote } from '../../components/useRemote.ts';
import { LoadFailedInline } from '../../components/PageState.tsx';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { monthName, monthsThrough } from './P2shared.ts';

type NumberField = Exclude<keyof ProjectSettings, 'reportMonth' | 'campaignYear' | 'issuer' | 'issuerShort' | 'docPrefix' | 'version'>;

interface FieldSpec {
  name: NumberField;
  label: MsgKey;
  help: MsgKey;
  unit: MsgKey;
  min: number;
  max: number;
  precision: number;
}

/** The thresholds in the order of the lights' rules; the registration minimum is edited in 万元. */
const FIELDS: readonly FieldSpec[] = [
  { name: 'reportDay', label: 'projectStats.settings.reportDay', help: 'projectStats.settings.help.reportDay', unit: 'projectStats.settings.unitDay', min: 1, max: 31, precision: 0 },
  { name: 'startYellowMonths', label: 'projectStats.settings.startYellowMonths', help: 'projectStats.settings.help.startYellowMonths', unit: 'projectStats.settings.unitMonths', min: 0, max: 24, precision: 0 },
  { name: 'startRedMonths', label: 'projectStats.settings.startRedMonths', help: 'projectStats.settings.help.startRedMonths', unit: 'projectStats.settings.unitMonths', min: 1, max: 36, precision: 0 },
  { name: 'lagYellowPoints', label: 'projectStats.settings.lagYellowPoints', help: 'projectStats.settings.help.lagYellowPoints', unit: 'projectStats.settings.unitPoints', min: 0, max: 100, precision: 1 },
  { name: 'lagRedPoints', label: 'projectStats.settings.lagRedPoints', help: 'projectStats.settings.help.lagRedPoints', unit: 'projectStats.settings.unitPoints', min: 0, max: 100, precision: 1 },
  { name: 'registrationYellowMonths', label: 'projectStats.settings.registrationYellowMonths', help: 'projectStats.settings.help.registrationYellowMonths', unit: 'projectStats.settings.unitMonths', min: 0, max: 24, precision: 0 },
  { name: 'registrationRedMonths', label: 'projectStats.settings.registrationRedMonths', help: 'projectStats.settings.help.registrationRedMonths', unit: 'projectStats.settings.unitMonths', min: 1, max: 36, precision: 0 },
  { name: 'registrationMinYuan', label: 'projectStats.settings.registrationMin', help: 'projectStats.settings.help.registrationMinYuan', unit: 'projectStats.settings.unitWan', min: 0, max: 10 ** 10, precision: 2 },
  { name: 'problemRedDays', label: 'projectStats.settings.problemRedDays', help: 'projectStats.settings.help.problemRedDays', unit: 'projectStats.settings.unitDays', min: 1, max: 365, precision: 0 },
  { name: 'missingReportsRed', label: 'projectStats.settings.missingReportsRed', help: 'projectStats.settings.help.missingReportsRed', unit: 'projectStats.settings.unitMonths', min: 1, max: 12, precision: 0 },
  { name: 'problemEscalateDays', label: 'projectStats.settings.problemEscalateDays', help: 'projectStats.settings.help.problemEscalateDays', unit: 'projectStats.settings.unitDays', min: 1, max: 180, precision: 0 },
];

type Values = { reportMonth: string } & Record<NumberField, number | null>;
const FIELD_NAMES = ['reportMonth', ...FIELDS.map((f) => f.name)];

function toValues(s: ProjectSettings): Values {
  const v = { reportMonth: s.reportMonth } as Values;
  for (const f of FIELDS) v[f.name] = f.name === 'registrationMinYuan' ? wanOf(s.registrationMinYuan) : s[f.name];
  return v;
}

export function ProjectSettingsCard({ onSaved }: { onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onFormError = useFormErrorHandler();
  const { data, error, loading, reload } = useRemote(() => api.projectSettings(), []);
  const [settings, setSettings] = useState<ProjectSettings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!data) return;
    setSettings(data);
    form.resetFields();
    form.setFieldsValue(toValues(data));
  }, [data, form]);

  const months = useMemo(() => (settings ? monthsThrough(`${settings.campaignYear}-12`) : []), [settings]);

  const save = async () => {
    if (!settings) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const before = toValues(settings);
    const body: Partial<ProjectSettings> & { version: number } = { version: settings.version };
    if (values.reportMonth !== before.reportMonth) body.reportMonth = values.reportMonth;
    for (const f of FIELDS) {
      const v = values[f.name];
      if (v === null || v === before[f.name]) continue;
      body[f.name] = f.name === 'registrationMinYuan' ? yuanFromWan(v) : v;
    }
    if (Object.keys(body).length === 1) {
      void message.info(t('common.noChanges'));
      return;
    }
    setSaving(true);
    try {
      const next = await api.updateProjectSettings(body);
      setSettings(next);
      form.setFieldsValue(toValues(next));
      void message.success(t('projectStats.settings.saved', { version: next.version }));
      onSaved();
    } catch (e) {
      onFormError(form, e, FIELD_NAMES);
      // another office saved first: show what is stored now
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') reload();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="project-settings"
      data-version={settings?.version ?? ''}
      title={
        <span>
          {t('projectStats.settings.title')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 8 }}>
            {t('projectStats.settings.hint')}
          </Typography.Text>
        </span>
      }
      extra={
        <Space size={8}>
          {settings && (
            <Typography.Text type="secondary" data-testid="project-settings-version">
              {t('projectStats.settings.version', { version: settings.version })}
            </Typography.Text>
          )}
          <Tooltip title={t('common.refresh')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} loading={loading && data !== null} data-testid="project-settings-reload" />
          </Tooltip>
        </Space>
      }
    >
      {error !== null && <LoadFailedInline error={errorText(error, lang, t('error.unexpected'))} onRetry={reload} />}
      <Form<Values> form={form} layout="vertical" disabled={!settings || saving} requiredMark={false} onFinish={() => void save()}>
        <Row gutter={[16, 0]}>
          <Col xs={24} sm={12} md={8} xl={6} xxl={4}>
            <Form.Item name="reportMonth" label={t('projectStats.settings.reportMonth')} tooltip={t('projectStats.settings.reportMonthHelp')} rules={[{ required: true }]}>
              <Select options={months.map((m) => ({ value: m, label: monthName(m, t) }))} data-testid="project-settings-reportMonth" aria-label={t('projectStats.settings.reportMonth')} />
            </Form.Item>
          </Col>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} sm={12} md={8} xl={6} xxl={4}>
              <Form.Item name={f.name} label={t(f.label)} tooltip={t(f.help)} rules={[{ required: true, message: t('projectStats.settings.required') }]}>
                <InputNumber
                  min={f.min}
                  max={f.max}
                  precision={f.precision}
                  suffix={t(f.unit)}
                  style={{ width: '100%' }}
                  aria-label={t(f.label)}
                  data-testid={`project-settings-${f.name}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="project-settings-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => settings && form.setFieldsValue(toValues(settings))} data-testid="project-settings-reset">
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
