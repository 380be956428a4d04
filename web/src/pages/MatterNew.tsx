import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MATTER_SOURCES, SOURCE_LABELS, defaultProfileFor, isReplyKind, type MatterSource } from '../../../src/domain/matters.ts';
import type { Leader, Unit } from '../../../src/modules/org/schema.ts';
import type { ClockProfileRecord } from '../../../src/modules/calendar/schema.ts';
import { can } from '../../../src/platform/policies.ts';
import { api, type CreateMatterInput } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { newRequestId } from '../util.ts';
import { PageTitle } from '../components/PageState.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { FileUpload, stillUploading, uploadedIds } from '../components/FileUpload.tsx';
import { useMatterFormErrors } from './matters/formErrors.ts';
import { AssistUnitsField, todayInChina } from './matters/parts.tsx';
import { LinksField, toLinkInputs, type LinkValue } from './matters/LinksField.tsx';

interface Values {
  source: MatterSource;
  title: string;
  content?: string;
  sourceDoc?: string;
  requirement?: string;
  major: boolean;
  leadUnitId?: number | null;
  assistUnitIds?: number[];
  leaderId?: number | null;
  assignedOn: Dayjs;
  dueOn?: Dayjs | null;
  dayMode: 'calendar' | 'working';
  shiftOffNonWorking: boolean;
  confidential: boolean;
  proposer?: string;
  delegation?: string;
  sessionName?: string;
  files?: UploadFile[];
  links?: LinkValue[];
}

const FIELDS = [
  'source',
  'title',
  'content',
  'sourceDoc',
  'requirement',
  'major',
  'leadUnitId',
  'assistUnitIds',
  'leaderId',
  'assignedOn',
  'dueOn',
  'dayMode',
  'shiftOffNonWorking',
  'confidential',
  'proposer',
  'delegation',
  'sessionName',
  'files',
  'links',
  'profile',
] as const;

/** The supervision office registers a matter and, with a lead unit, assigns it at once. */
export default function MatterNewPage() {
  const { subject } = useMe();
  const { t, l, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Leader[]>([]);
  const [profiles, setProfiles] = useState<ClockProfileRecord[]>([]);
  // One key for this form: pressing the button twice registers the matter once.
  const [requestId] = useState(newRequestId);

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
    api.leaders().then(setLeaders, () => setLeaders([]));
    api.clockProfiles().then(setProfiles, () => setProfiles([]));
  }, []);

  const source = Form.useWatch('source', form) ?? 'instruction';
  const major = Form.useWatch('major', form) ?? false;
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const assignedOn = Form.useWatch('assignedOn', form);
  const profileCode = defaultProfileFor(source);
  const profile = profiles.find((p) => p.code === profileCode);
  const rectification = profileCode === 'rectification';
  const has13710 = profileCode === '13710';
  const reply = isReplyKind(source);
  const steps = useMemo(() => (profile?.steps ?? []).filter((s) => !s.major || major), [profile, major]);

  // A source with another clock profile brings that profile's day counting along.
  useEffect(() => {
    if (!profile) return;
    form.setFieldsValue({ dayMode: profile.dayMode, shiftOffNonWorking: profile.shiftOffNonWorking });
  }, [profile, form]);

  const submit = async (v: Values) => {
    if (stillUploading(v.files)) {
      void message.warning(t('file.stillUploading'));
      return;
    }
    const body: CreateMatterInput = {
      source: v.source,
      title: v.title.trim(),
      content: (v.content ?? '').trim(),
      sourceDoc: (v.sourceDoc ?? '').trim(),
      requirement: (v.requirement ?? '').trim(),
      major: has13710 ? v.major : false,
      assistUnitIds: v.leadUnitId ? (v.assistUnitIds ?? []).filter((id) => id !== v.leadUnitId) : [],
      leaderId: v.leaderId ?? null,
      assignedOn: v.assignedOn.format('YYYY-MM-DD'),
      dayMode: v.dayMode,
      shiftOffNonWorking: v.shiftOffNonWorking,
      confidential: v.confidential,
      files: uploadedIds(v.files),
      links: toLinkInputs(v.links),
      requestId,
    };
    if (v.leadUnitId) body.leadUnitId = v.leadUnitId;
    if (rectification && v.dueOn) body.dueOn = v.dueOn.format('YYYY-MM-DD');
    if (reply) {
      body.proposer = (v.proposer ?? '').trim();
      body.delegation = (v.delegation ?? '').trim();
      body.sessionName = (v.sessionName ?? '').trim();
    }
    setBusy(true);
    try {
      const r = await api.createMatter(body);
      void message.success(t(r.matter.state === 'assigned' ? 'matterNew.assigned' : 'matterNew.registered', { code: r.matter.code }));
      navigate(`/matters/${r.matter.id}`, { replace: true });
    } catch (e) {
      onError(form, e, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<Values> = {
    source: 'instruction',
    major: false,
    assignedOn: dayjs(todayInChina()),
    dayMode: 'calendar',
    shiftOffNonWorking: false,
    confidential: false,
    assistUnitIds: [],
    files: [],
    links: [],
  };
  const mayAssignTo = (u: Unit) => !can(subject, 'matter.create', { unitId: u.id, unitPath: u.path });

  return (
    <div data-testid="page-matter-new">
      <PageTitle title={t('matterNew.title')} hint={t('matterNew.hint')} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy} requiredMark="optional" scrollToFirstError>
        <Row gutter={12}>
          <Col xs={24} xl={16}>
            <Card size="small" title={t('matterNew.sectionMatter')}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="source" label={t('matter.source')} rules={[{ required: true, message: t('matterNew.sourceRequired') }]}>
                    <Select<MatterSource> options={MATTER_SOURCES.filter((s) => s !== 'project').map((s) => ({ value: s, label: l(SOURCE_LABELS[s]) }))} data-testid="new-source" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="sourceDoc" label={t('matter.sourceDoc')} extra={t('matterNew.sourceDocHelp')}>
                    <Input maxLength={200} placeholder={t('matterNew.sourceDocPlaceholder')} data-testid="new-source-doc" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="title" label={t('matter.title')} rules={[{ required: true, whitespace: true, message: t('matter.titleRequired') }]}>
                    <Input maxLength={200} showCount placeholder={t('matterNew.titlePlaceholder')} data-testid="new-title" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="content" label={reply ? t('matter.contentSuggestion') : t('matter.content')}>
                    <Input.TextArea rows={5} maxLength={20000} placeholder={t('matterNew.contentPlaceholder')} data-testid="new-content" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="requirement" label={rectification ? t('matterNew.requirementRect') : t('matter.requirement')}>
                    <Input.TextArea rows={2} maxLength={5000} data-testid="new-requirement" />
                  </Form.Item>
                </Col>
                {reply && (
                  <>
                    <Col xs={24} md={8}>
                      <Form.Item name="proposer" label={t('matter.proposer')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name="delegation" label={t('matter.delegation')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name="sessionName" label={t('matter.sessionName')}>
                        <Input maxLength={100} placeholder={t('suggest.sessionPlaceholder')} />
                      </Form.Item>
                    </Col>
                  </>
                )}
                <Col span={24}>
                  <LinksField testId="new-links" />
                </Col>
                <Col span={24}>
                  <Form.Item name="files" label={t('step.files')} valuePropName="fileList" getValueFromEvent={(list: UploadFile[]) => list}>
                    <FileUpload data-testid="new-files" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title={t('matterNew.sectionAssign')} style={{ marginTop: 12 }}>
              <Row gutter={16}>
                <Col span={24}>
                  <Form.Item name="leadUnitId" label={t('matter.leadUnit')} extra={t('matterNew.leadUnitHelp')}>
                    <UnitTreeSelect units={units} allowClear hideInactive fullLabels isDisabled={mayAssignTo} data-testid="new-lead-unit" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <AssistUnitsField units={units} leadUnitId={leadUnitId} disabled={!leadUnitId} testId="new-assist-units" />
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="leaderId" label={t('matter.leader')}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('matter.leaderPlaceholder')}
                      options={leaders.filter((x) => x.active).map((x) => ({ value: x.id, label: `${x.name}（${x.title}）` }))}
                      data-testid="new-leader"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="assignedOn" label={t('matter.assignedOn')} extra={t('matter.assignedOnHelp')} rules={[{ required: true, message: t('matterNew.assignedOnRequired') }]}>
                    <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="new-assigned-on" />
                  </Form.Item>
                </Col>
                {rectification && (
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="dueOn"
                      label={t('matter.dueOnRect')}
                      extra={t('matterNew.dueOnHelp')}
                      dependencies={['assignedOn']}
                      rules={[
                        { required: true, message: t('matter.dueOnRequired') },
                        {
                          validator: async (_r, v: Dayjs | null | undefined) => {
                            if (v && assignedOn && v.isBefore(assignedOn, 'day')) throw new Error(t('matterNew.dueBeforeAssigned'));
                          },
                        },
                      ]}
                    >
                      <DatePicker style={{ width: '100%' }} data-testid="new-due-on" />
                    </Form.Item>
                  </Col>
                )}
                {has13710 && (
                  <Col xs={24} md={12}>
                    <Form.Item name="major" label={t('matter.majorLabel')} valuePropName="checked" extra={t('matter.majorHelp')}>
                      <Switch data-testid="new-major" />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} md={12}>
                  <Form.Item name="dayMode" label={t('matter.dayMode')} extra={t('matterNew.dayModeHelp')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'calendar', label: t('matter.dayMode.calendar') },
                        { value: 'working', label: t('matter.dayMode.working') },
                      ]}
                      data-testid="new-day-mode"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="shiftOffNonWorking" label={t('matterNew.shiftLabel')} valuePropName="checked">
                    <Checkbox data-testid="new-shift">{t('matterNew.shift')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="confidential" label={t('matter.confidential')} valuePropName="checked" extra={t('matter.confidentialHelp')}>
                    <Switch data-testid="new-confidential" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('matterNew.rules')} data-testid="new-rules">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('matterNew.rulesIntro', { profile: profile ? l(profile) : profileCode })}
              </Typography.Paragraph>
              <ol className="ls-rule-list">
                {steps.map((s) => (
                  <li key={s.step}>{lang === 'zh' ? s.zh : s.en}</li>
                ))}
              </ol>
              <Alert type="info" showIcon title={leadUnitId ? t('matterNew.willAssign') : t('matterNew.willRegister')} />
            </Card>
            <Card size="small" style={{ marginTop: 12 }}>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="new-submit">
                  {leadUnitId ? t('matterNew.submitAssign') : t('matterNew.submitRegister')}
                </Button>
                <Button onClick={() => navigate('/matters')} disabled={busy}>
                  {t('common.cancel')}
                </Button>
              </Space>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
