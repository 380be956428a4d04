/**
 * 登记项目 and 编辑项目: one form for both. Amounts are typed in 万元 and sent in 元; the unit is a
 * county-level unit or the zone. An edit sends only what changed with the row's version; a revised
 * plan (amounts or planned dates) needs its reason, which the revision history keeps.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  APPROVAL_KINDS,
  APPROVAL_LABELS,
  APPROVAL_STATUSES,
  APPROVAL_STATUS_LABELS,
  CATEGORY_LABELS,
  PROJECT_CATEGORIES,
  PROJECT_STAGES,
  STAGE_LABELS,
  wanOf,
  yuanFromWan,
  type ApprovalKind,
  type ApprovalStatus,
  type ProjectCategory,
  type ProjectStage,
} from '../../../../src/domain/projects.ts';
import type { Leader, Unit } from '../../../../src/modules/org/schema.ts';
import type { Project } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useMatterFormErrors } from '../matters/formErrors.ts';
import { isProjectUnit } from './P1Parts.tsx';

const DAY = 'YYYY-MM-DD';

interface Values {
  code: string;
  name: string;
  unitId: number | null;
  deptId: number | null;
  leaderId: number | null;
  category: ProjectCategory | null;
  stage: ProjectStage;
  campaignYear: number;
  content: string;
  /** 万元 in the form (the server's field names, so its issues land on them). */
  totalYuan: number | null;
  plannedYuan: number | null;
  plannedStart: Dayjs | null;
  plannedFinish: Dayjs | null;
  actualStart: Dayjs | null;
  actualFinish: Dayjs | null;
  location: string;
  taskForce: string[];
  tags: string[];
  registered: boolean;
  registeredOn: Dayjs | null;
  approvals: Partial<Record<ApprovalKind, { status: ApprovalStatus | null; date: Dayjs | null }>>;
  reason: string;
}

const FIELDS = [
  'code', 'name', 'unitId', 'deptId', 'leaderId', 'category', 'stage', 'campaignYear', 'content', 'totalYuan', 'plannedYuan', 'plannedStart', 'plannedFinish',
  'actualStart', 'actualFinish', 'location', 'taskForce', 'tags', 'registered', 'registeredOn', 'approvals', 'reason',
] as const;

const day = (d: Dayjs | null | undefined): string | null => (d ? d.format(DAY) : null);
const dj = (s: string | null): Dayjs | null => (s ? dayjs(s) : null);

interface Props {
  /** The project to edit; absent: register a new one. */
  project?: Project;
  units: readonly Unit[];
  leaders: readonly Leader[];
  /** The campaign year offered for a new project. */
  campaignYear: number;
  onClose: () => void;
  onSaved: (p: Project) => void;
  /** The project changed under the edit: the caller reloads. */
  onStale?: () => void;
}

export function ProjectFormModal({ project, units, leaders, campaignYear, onClose, onSaved, onStale }: Props) {
  const { t, l, lang } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const stage = Form.useWatch('stage', form);
  const registered = Form.useWatch('registered', form);
  const editing = project !== undefined;

  const initial: Values = useMemo(
    () => ({
      code: project?.code ?? '',
      name: project?.name ?? '',
      unitId: project?.unitId ?? null,
      deptId: project?.deptId ?? null,
      leaderId: project?.leaderId ?? null,
      category: project?.category ?? null,
      stage: project?.stage ?? 'preparation',
      campaignYear: project?.campaignYear ?? campaignYear,
      content: project?.content ?? '',
      totalYuan: project ? wanOf(project.totalYuan) : null,
      plannedYuan: project ? wanOf(project.plannedYuan) : null,
      plannedStart: dj(project?.plannedStart ?? null),
      plannedFinish: dj(project?.plannedFinish ?? null),
      actualStart: dj(project?.actualStart ?? null),
      actualFinish: dj(project?.actualFinish ?? null),
      location: project?.location ?? '',
      taskForce: project?.taskForce ?? [],
      tags: project?.tags ?? [],
      registered: project?.registered ?? false,
      registeredOn: dj(project?.registeredOn ?? null),
      approvals: Object.fromEntries(APPROVAL_KINDS.map((k) => [k, { status: project?.approvals[k]?.status ?? null, date: dj(project?.approvals[k]?.date ?? null) }])),
      reason: '',
    }),
    [project, campaignYear],
  );

  const approvalsOut = (v: Values['approvals']) =>
    Object.fromEntries(
      APPROVAL_KINDS.flatMap((k) => {
        const a = v[k];
        return a?.status ? [[k, { status: a.status, date: day(a.date) }]] : [];
      }),
    );

  const create = async (v: Values) => {
    const saved = await api.createProject({
      ...(v.code.trim() ? { code: v.code.trim() } : {}),
      name: v.name.trim(),
      unitId: v.unitId as number,
      deptId: v.deptId ?? null,
      leaderId: v.leaderId ?? null,
      category: v.category as ProjectCategory,
      stage: v.stage,
      campaignYear: v.campaignYear,
      content: (v.content ?? '').trim(),
      totalYuan: yuanFromWan(v.totalYuan ?? 0),
      plannedYuan: yuanFromWan(v.plannedYuan ?? 0),
      plannedStart: day(v.plannedStart),
      plannedFinish: day(v.plannedFinish),
      actualStart: day(v.actualStart),
      actualFinish: v.stage === 'completed' ? day(v.actualFinish) : null,
      location: (v.location ?? '').trim(),
      taskForce: v.taskForce ?? [],
      tags: v.tags ?? [],
      registered: v.registered,
      registeredOn: v.registered ? day(v.registeredOn) : null,
      approvals: approvalsOut(v.approvals),
    });
    void message.success(t('project.form.created', { code: saved.code }));
    onSaved(saved);
  };

  const update = async (p: Project, v: Values) => {
    const next: Record<string, unknown> = {
      name: v.name.trim(),
      unitId: v.unitId,
      deptId: v.deptId ?? null,
      leaderId: v.leaderId ?? null,
      category: v.category,
      content: (v.content ?? '').trim(),
      totalYuan: yuanFromWan(v.totalYuan ?? 0),
      plannedYuan: yuanFromWan(v.plannedYuan ?? 0),
      plannedStart: day(v.plannedStart),
      plannedFinish: day(v.plannedFinish),
      location: (v.location ?? '').trim(),
      taskForce: v.taskForce ?? [],
      tags: v.tags ?? [],
      registered: v.registered,
      registeredOn: v.registered ? day(v.registeredOn) : null,
      approvals: approvalsOut(v.approvals),
    };
    const before: Record<string, unknown> = {
      name: p.name,
      unitId: p.unitId,
      deptId: p.deptId,
      leaderId: p.leaderId,
      category: p.category,
      content: p.content,
      totalYuan: p.totalYuan,
      plannedYuan: p.plannedYuan,
      plannedStart: p.plannedStart,
      plannedFinish: p.plannedFinish,
      location: p.location,
      taskForce: p.taskForce,
      tags: p.tags,
      registered: p.registered,
      registeredOn: p.registeredOn,
      approvals: p.approvals,
    };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k])));
    if (Object.keys(changed).length === 0) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    const revised = ['totalYuan', 'plannedYuan', 'plannedStart', 'plannedFinish'].some((k) => k in changed);
    const reason = (v.reason ?? '').trim();
    if (revised && !reason) {
      form.setFields([{ name: 'reason', errors: [t('project.form.reasonRequired')] }]);
      return;
    }
    const saved = await api.updateProject(p.id, { version: p.version, reason, ...changed } as Parameters<typeof api.updateProject>[1]);
    void message.success(t('project.form.saved'));
    onSaved(saved);
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      if (project) await update(project, v);
      else await create(v);
    } catch (e) {
      const code = onError(form, e, FIELDS);
      if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') {
        modal.warning({ title: t('conflict.title'), content: errorText(e, lang, t('conflict.body')) });
        if (code === 'VERSION_CONFLICT') onStale?.();
      }
    } finally {
      setBusy(false);
    }
  };

  const wan = { min: 0, max: 10_000_000_000, precision: 2, style: { width: '100%' }, suffix: t('project.unit.wan') };

  return (
    <Modal
      open
      width={820}
      title={project ? t('project.form.editTitle', { code: project.code }) : t('project.form.createTitle')}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="project-form-modal"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="project-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy} requiredMark="optional">
        <Row gutter={16}>
          {!editing && (
            <Col xs={24} md={8}>
              <Form.Item name="code" label={t('project.code')} extra={t('project.form.codeHelp')} rules={[{ pattern: /^[0-9A-Za-z_\-.]*$/, message: t('project.form.codePattern') }]}>
                <Input maxLength={40} data-testid="project-form-code" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={editing ? 24 : 16}>
            <Form.Item name="name" label={t('project.name')} rules={[{ required: true, whitespace: true, message: t('project.form.nameRequired') }]}>
              <Input maxLength={200} showCount data-testid="project-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('project.unit')} extra={t('project.form.unitHelp')} rules={[{ required: true, message: t('project.form.unitRequired') }]}>
              <UnitTreeSelect units={units} hideInactive isDisabled={(u) => !isProjectUnit(u)} data-testid="project-form-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deptId" label={t('project.dept')}>
              <UnitTreeSelect units={units} hideInactive fullLabels allowClear data-testid="project-form-dept" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leaderId" label={t('project.leader')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={leaders.filter((x) => x.active || x.id === project?.leaderId).map((x) => ({ value: x.id, label: `${x.name}（${x.title}）` }))}
                data-testid="project-form-leader"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="category" label={t('project.category')} rules={[{ required: true, message: t('project.form.categoryRequired') }]}>
              <Select options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: l(CATEGORY_LABELS[c]) }))} data-testid="project-form-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="campaignYear" label={t('project.campaignYear')} rules={[{ required: true, message: t('project.form.yearRequired') }]}>
              <InputNumber<number> min={1990} max={2100} precision={0} style={{ width: '100%' }} disabled={editing || busy} data-testid="project-form-year" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={24}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="stage" label={t('project.stage')} rules={[{ required: true }]}>
                    <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: l(STAGE_LABELS[s]) }))} data-testid="project-form-stage" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="actualStart"
                    label={t('project.actualStart')}
                    rules={[{ required: stage === 'new_start' || stage === 'continuing' || stage === 'completed', message: t('project.form.actualStartRequired') }]}
                  >
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="project-form-actual-start" />
                  </Form.Item>
                </Col>
                {stage === 'completed' && (
                  <Col xs={12} md={8}>
                    <Form.Item name="actualFinish" label={t('project.actualFinish')} rules={[{ required: true, message: t('project.form.actualFinishRequired') }]}>
                      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="totalYuan" label={t('project.totalWan')} rules={[{ required: true, message: t('project.form.amountRequired') }]}>
              <InputNumber<number> {...wan} data-testid="project-form-total" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="plannedYuan"
              label={t('project.plannedWan')}
              dependencies={['totalYuan']}
              rules={[
                { required: true, message: t('project.form.amountRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: number | null) => {
                    const total = getFieldValue('totalYuan') as number | null;
                    if (v !== null && total !== null && v > total) throw new Error(t('project.form.plannedOverTotal'));
                  },
                }),
              ]}
            >
              <InputNumber<number> {...wan} data-testid="project-form-planned" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="plannedStart" label={t('project.plannedStart')}>
              <DatePicker style={{ width: '100%' }} data-testid="project-form-planned-start" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="plannedFinish" label={t('project.plannedFinish')}>
              <DatePicker style={{ width: '100%' }} data-testid="project-form-planned-finish" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="content" label={t('project.content')}>
              <Input.TextArea rows={3} maxLength={5000} showCount data-testid="project-form-content" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={t('project.location')}>
              <Input maxLength={200} data-testid="project-form-location" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="taskForce" label={t('project.taskForce')} extra={t('project.form.tagsHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="project-form-task-force" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="registered" label={t('project.registered')} valuePropName="checked">
              <Switch data-testid="project-form-registered" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="registeredOn" label={t('project.registeredOn')}>
              <DatePicker style={{ width: '100%' }} disabled={!registered || busy} data-testid="project-form-registered-on" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('project.tags')} extra={t('project.form.tagsHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="project-form-tags" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('project.approvals')}
        </Divider>
        <Row gutter={16}>
          {APPROVAL_KINDS.map((k) => (
            <Col xs={24} md={12} key={k}>
              <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
                <Form.Item name={['approvals', k, 'status']} noStyle>
                  <Select
                    allowClear
                    style={{ width: '55%' }}
                    prefix={`${l(APPROVAL_LABELS[k])}：`}
                    placeholder={t('project.form.approvalStatus')}
                    options={APPROVAL_STATUSES.map((s) => ({ value: s, label: l(APPROVAL_STATUS_LABELS[s]) }))}
                    data-testid={`project-form-approval-${k}`}
                  />
                </Form.Item>
                <Form.Item name={['approvals', k, 'date']} noStyle>
                  <DatePicker style={{ width: '45%' }} placeholder={t('project.form.approvalDate')} />
                </Form.Item>
              </Space.Compact>
            </Col>
          ))}
        </Row>
        {editing && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('project.form.revisionHint')} />
            <Form.Item name="reason" label={t('project.form.reason')}>
              <Input.TextArea rows={2} maxLength={500} showCount data-testid="project-form-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
