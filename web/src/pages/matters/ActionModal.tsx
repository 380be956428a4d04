/** One step of the workflow: a modal with exactly the fields that step needs. */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Switch } from 'antd';
import type { UploadFile } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ACTION_LABELS,
  RATINGS,
  RATING_LABELS,
  REPLY_GRADES,
  REPLY_GRADE_LABELS,
  REVIEW_GRADES,
  REVIEW_GRADE_LABELS,
  type MatterAction,
  type Rating,
  type ReplyGrade,
  type ReviewGrade,
} from '../../../../src/domain/matters.ts';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import { can } from '../../../../src/platform/policies.ts';
import { api, type ActionInput, type Matter } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { newRequestId } from '../../util.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { FileUpload, stillUploading, uploadedIds } from '../../components/FileUpload.tsx';
import { useMatterFormErrors } from './formErrors.ts';
import { AssistUnitsField, todayInChina } from './parts.tsx';

type Field = 'units' | 'assignedOn' | 'dueOn' | 'major' | 'milestone' | 'milestones' | 'requestedDue' | 'grade' | 'replyGrade' | 'rating' | 'text' | 'files';

interface StepForm {
  fields: readonly Field[];
  /** The label of the text box (when the step has one). */
  text?: MsgKey;
  textRequired?: boolean;
  /** The button is red: the step sends the matter back. */
  danger?: boolean;
}

export const STEP_FORMS: Record<MatterAction, StepForm> = {
  assign: { fields: ['units', 'assignedOn', 'dueOn', 'major', 'text'], text: 'step.text.assign' },
  reassign: { fields: ['units', 'assignedOn', 'dueOn', 'major', 'text'], text: 'step.text.reassign', textRequired: true },
  sign: { fields: [] },
  send_back: { fields: ['text'], text: 'step.text.send_back', textRequired: true, danger: true },
  report: { fields: ['text', 'milestone', 'files'], text: 'step.text.report', textRequired: true },
  assist_view: { fields: ['text', 'files'], text: 'step.text.assist_view', textRequired: true },
  file_plan: { fields: ['milestones', 'text', 'files'], text: 'step.text.file_plan' },
  request_extension: { fields: ['requestedDue', 'text'], text: 'step.text.request_extension', textRequired: true },
  approve_extension: { fields: ['text'], text: 'step.text.approve_extension' },
  reject_extension: { fields: ['text'], text: 'step.text.reject_extension', textRequired: true, danger: true },
  request_closure: { fields: ['text', 'files'], text: 'step.text.request_closure', textRequired: true },
  accept: { fields: ['grade', 'text'], text: 'step.text.accept' },
  return: { fields: ['text'], text: 'step.text.return', textRequired: true, danger: true },
  reply: { fields: ['replyGrade', 'text', 'files'], text: 'step.text.reply', textRequired: true },
  rate: { fields: ['rating', 'text'], text: 'step.text.rate' },
};

const HINTS: Record<MatterAction, MsgKey> = {
  assign: 'step.hint.assign',
  reassign: 'step.hint.reassign',
  sign: 'step.hint.sign',
  send_back: 'step.hint.send_back',
  report: 'step.hint.report',
  assist_view: 'step.hint.assist_view',
  file_plan: 'step.hint.file_plan',
  request_extension: 'step.hint.request_extension',
  approve_extension: 'step.hint.approve_extension',
  reject_extension: 'step.hint.reject_extension',
  request_closure: 'step.hint.request_closure',
  accept: 'step.hint.accept',
  return: 'step.hint.return',
  reply: 'step.hint.reply',
  rate: 'step.hint.rate',
};

/** The names the server may put issues on, as form fields. */
const FORM_FIELDS = ['text', 'files', 'leadUnitId', 'assistUnitIds', 'assignedOn', 'dueOn', 'major', 'grade', 'replyGrade', 'rating', 'requestedDue', 'milestones', 'milestone'] as const;

interface Values {
  text?: string;
  files?: UploadFile[];
  leadUnitId?: number | null;
  assistUnitIds?: number[];
  assignedOn?: Dayjs | null;
  dueOn?: Dayjs | null;
  major?: boolean;
  grade?: ReviewGrade;
  replyGrade?: ReplyGrade;
  rating?: Rating;
  requestedDue?: Dayjs | null;
  milestones?: { title?: string; due?: Dayjs | null }[];
  milestone?: string;
}

const day = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);

interface Props {
  matter: Matter;
  action: MatterAction;
  units: readonly Unit[];
  onClose: () => void;
  /** The step was taken (or replayed): the page shows the matter as the server returned it. */
  onDone: (matter: Matter, action: MatterAction) => void;
  /** The matter changed meanwhile: the page reloads it. */
  onStale: () => void;
}

export function ActionModal({ matter, action, units, onClose, onDone, onStale }: Props) {
  const { subject } = useMe();
  const { t, l, lang } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // One key per opened form: a double click or a retry is a replay on the server, not a second step.
  const [requestId] = useState(newRequestId);
  const spec = STEP_FORMS[action];
  const has = (f: Field) => spec.fields.includes(f);
  const rectification = matter.profile === 'rectification';
  const showMajor = matter.profile === '13710';
  const today = todayInChina();
  const rating = Form.useWatch('rating', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);

  const openMilestones = useMemo(() => matter.deadlines.filter((d) => d.kind === 'milestone' && d.status === 'open'), [matter.deadlines]);
  const pending = matter.extensions.find((x) => x.status === 'pending');
  const stepLabel = (step: string) => {
    const d = matter.deadlines.find((x) => x.step === step);
    return d ? (lang === 'zh' ? d.labelZh : d.labelEn) : step;
  };

  const initial: Values = {
    leadUnitId: matter.leadUnitId,
    assistUnitIds: matter.units.filter((u) => u.role === 'assist').map((u) => u.unitId),
    assignedOn: dayjs(today),
    dueOn: matter.dueOn && rectification ? dayjs(matter.dueOn) : null,
    major: matter.major,
    files: [],
    milestones: [{ title: '', due: null }],
  };

  const submit = async (v: Values) => {
    if (stillUploading(v.files)) {
      void message.warning(t('file.stillUploading'));
      return;
    }
    const body: ActionInput = { action, requestId, text: (v.text ?? '').trim() };
    if (has('files')) body.files = uploadedIds(v.files);
    if (has('units')) {
      if (v.leadUnitId) body.leadUnitId = v.leadUnitId;
      body.assistUnitIds = (v.assistUnitIds ?? []).filter((id) => id !== v.leadUnitId);
      const on = day(v.assignedOn);
      if (on) body.assignedOn = on;
    }
    if (has('dueOn') && rectification) {
      const due = day(v.dueOn);
      if (due) body.dueOn = due;
    }
    if (has('major') && showMajor && v.major !== undefined) body.major = v.major;
    if (has('grade') && v.grade) body.grade = v.grade;
    if (has('replyGrade') && v.replyGrade) body.replyGrade = v.replyGrade;
    if (has('rating') && v.rating) body.rating = v.rating;
    if (has('requestedDue')) {
      const due = day(v.requestedDue);
      if (due) body.requestedDue = due;
    }
    if (has('milestone') && v.milestone) body.milestone = v.milestone;
    if (has('milestones')) {
      body.milestones = (v.milestones ?? []).map((m) => ({ title: (m.title ?? '').trim(), due: day(m.due) ?? '' }));
    }
    setBusy(true);
    try {
      const r = await api.matterAction(matter.id, body);
      void message.success(t('step.done', { action: l(ACTION_LABELS[action]) }));
      onDone(r.matter, action);
    } catch (e) {
      const code = onError(form, e, FORM_FIELDS, ['milestones']);
      if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') {
        modal.warning({ title: t('step.conflictTitle'), content: errorText(e, lang, t('error.unexpected')) });
        onStale();
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (msg: MsgKey) => [{ required: true, message: t(msg) }];
  const textRules = spec.textRequired || (action === 'rate' && rating === 'unsatisfied') ? [{ required: true, whitespace: true, message: t('step.textRequired') }] : [];
  const maySelect = (u: Unit) => !can(subject, 'matter.create', { unitId: u.id, unitPath: u.path });

  return (
    <Modal
      open
      width={has('units') || has('milestones') ? 680 : 560}
      title={`${l(ACTION_LABELS[action])} · ${matter.code}`}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid={`step-modal-${action}`}
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" danger={spec.danger} loading={busy} onClick={() => form.submit()} data-testid="action-submit">
            {t('step.submit', { action: l(ACTION_LABELS[action]) })}
          </Button>
        </Space>
      }
    >
      <Alert type={spec.danger ? 'warning' : 'info'} showIcon title={t(HINTS[action])} style={{ marginBottom: 16 }} />
      {pending && (action === 'approve_extension' || action === 'reject_extension') && (
        <Alert
          type="warning"
          style={{ marginBottom: 16 }}
          title={t('step.pendingExtension', { step: stepLabel(pending.step), from: pending.currentDue, to: pending.requestedDue })}
          description={t('step.pendingReason', { reason: pending.reason })}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy} requiredMark="optional">
        {has('units') && (
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item name="leadUnitId" label={t('matter.leadUnit')} rules={required('step.leadUnitRequired')}>
                <UnitTreeSelect units={units} hideInactive fullLabels isDisabled={maySelect} data-testid="step-lead-unit" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <AssistUnitsField units={units} leadUnitId={leadUnitId} testId="step-assist-units" />
            </Col>
            <Col span={12}>
              <Form.Item name="assignedOn" label={t('matter.assignedOn')} extra={t('matter.assignedOnHelp')}>
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            {rectification && has('dueOn') && (
              <Col span={12}>
                <Form.Item name="dueOn" label={t('matter.dueOnRect')} rules={required('matter.dueOnRequired')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(today), 'day')} />
                </Form.Item>
              </Col>
            )}
            {showMajor && has('major') && (
              <Col span={12}>
                <Form.Item name="major" label={t('matter.majorLabel')} valuePropName="checked" extra={t('matter.majorHelp')}>
                  <Switch />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {has('grade') && (
          <Form.Item name="grade" label={t('step.grade')} rules={required('step.gradeRequired')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="step-grade" options={REVIEW_GRADES.map((g) => ({ value: g, label: l(REVIEW_GRADE_LABELS[g]) }))} />
          </Form.Item>
        )}
        {has('replyGrade') && (
          <Form.Item name="replyGrade" label={t('step.replyGrade')} rules={required('step.replyGradeRequired')}>
            <Radio.Group data-testid="step-reply-grade" options={REPLY_GRADES.map((g) => ({ value: g, label: l(REPLY_GRADE_LABELS[g]) }))} />
          </Form.Item>
        )}
        {has('rating') && (
          <Form.Item name="rating" label={t('step.rating')} rules={required('step.ratingRequired')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="step-rating" options={RATINGS.map((r) => ({ value: r, label: l(RATING_LABELS[r]) }))} />
          </Form.Item>
        )}
        {has('requestedDue') && (
          <Form.Item
            name="requestedDue"
            label={t('step.requestedDue')}
            extra={matter.dueOn ? t('step.requestedDueHelp', { due: matter.dueOn }) : undefined}
            rules={required('step.requestedDueRequired')}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(matter.dueOn ?? today), 'day') || d.isSame(dayjs(matter.dueOn ?? today), 'day')} data-testid="step-requested-due" />
          </Form.Item>
        )}
        {has('milestones') && (
          <Form.Item label={t('step.milestones')} required extra={t('step.milestonesHelp')}>
            <Form.List name="milestones">
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row, i) => (
                    <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[row.name, 'title']} rules={[{ required: true, whitespace: true, message: t('step.milestoneTitleRequired') }]}>
                        <Input placeholder={t('step.milestoneTitle', { n: i + 1 })} maxLength={100} style={{ width: 340 }} data-testid={`step-milestone-title-${i}`} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'due']} rules={[{ required: true, message: t('step.milestoneDueRequired') }]}>
                        <DatePicker placeholder={t('step.milestoneDue')} disabledDate={(d) => d.isBefore(dayjs(today), 'day')} data-testid={`step-milestone-due-${i}`} />
                      </Form.Item>
                      {rows.length > 1 && <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('common.delete')} />}
                    </Space>
                  ))}
                  {rows.length < 20 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', due: null })} data-testid="step-milestone-add">
                      {t('step.milestoneAdd')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
        {has('text') && spec.text && (
          <Form.Item name="text" label={t(spec.text)} rules={textRules}>
            <Input.TextArea rows={action === 'reply' || action === 'report' || action === 'request_closure' ? 5 : 3} maxLength={10000} showCount data-testid="step-text" />
          </Form.Item>
        )}
        {has('milestone') && openMilestones.length > 0 && (
          <Form.Item name="milestone" label={t('step.milestone')} extra={t('step.milestoneHelp')}>
            <Select
              allowClear
              placeholder={t('step.milestonePlaceholder')}
              options={openMilestones.map((d) => ({ value: d.step, label: `${lang === 'zh' ? d.labelZh : d.labelEn}（${d.due}）` }))}
              data-testid="step-milestone"
            />
          </Form.Item>
        )}
        {has('files') && (
          <Form.Item name="files" label={t('step.files')} valuePropName="fileList" getValueFromEvent={(list: UploadFile[]) => list}>
            <FileUpload data-testid="step-files" />
          </Form.Item>
        )}
        {action === 'sign' && <p data-testid="step-sign-confirm">{t('step.signConfirm', { title: matter.title })}</p>}
      </Form>
    </Modal>
  );
}
