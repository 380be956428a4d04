/**
 * 提出问题: a problem holding a project up becomes a supervised matter (督办) of the lead unit with
 * a deadline; its type and the level it is coordinated at are kept with the project.
 */
import { useMemo, useState } from 'react';
import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PROBLEM_LEVELS, PROBLEM_LEVEL_LABELS, PROBLEM_TYPES, PROBLEM_TYPE_LABELS, type ProblemLevel, type ProblemType } from '../../../../src/domain/projects.ts';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import type { Project } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { newRequestId } from '../../util.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useMatterFormErrors } from '../matters/formErrors.ts';

interface Values {
  type: ProblemType;
  level: ProblemLevel;
  title: string;
  content: string;
  leadUnitId: number | null;
  dueOn: Dayjs | null;
}

const FIELDS = ['type', 'level', 'title', 'content', 'leadUnitId', 'dueOn'] as const;

export function ProblemModal({ project, units, onClose, onSaved }: { project: Project; units: readonly Unit[]; onClose: () => void; onSaved: (p: Project) => void }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // One key per dialog: a retry after a lost answer does not raise the problem twice.
  const requestId = useMemo(() => newRequestId(), []);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const saved = await api.createProblem(project.id, {
        type: v.type,
        level: v.level,
        title: v.title.trim(),
        content: (v.content ?? '').trim(),
        leadUnitId: v.leadUnitId as number,
        dueOn: (v.dueOn as Dayjs).format('YYYY-MM-DD'),
        requestId,
      });
      void message.success(t('project.problem.created'));
      onSaved(saved);
    } catch (e) {
      onError(form, e, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      width={640}
      title={t('project.problem.title', { code: project.code })}
      form={form}
      initialValues={{ level: 'county', title: '', content: '', leadUnitId: project.deptId ?? project.unitId, dueOn: null }}
      onFinish={submit}
      busy={busy}
      onClose={onClose}
      submitText={t('project.problem.submit')}
      testId="project-problem-modal"
      submitTestId="project-problem-save"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="type" label={t('project.problem.type')} rules={[{ required: true, message: t('project.problem.typeRequired') }]}>
            <Select options={PROBLEM_TYPES.map((x) => ({ value: x, label: l(PROBLEM_TYPE_LABELS[x]) }))} data-testid="project-problem-type" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="level" label={t('project.problem.level')} rules={[{ required: true }]}>
            <Select options={PROBLEM_LEVELS.map((x) => ({ value: x, label: l(PROBLEM_LEVEL_LABELS[x]) }))} data-testid="project-problem-level" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="title" label={t('project.problem.titleLabel')} rules={[{ required: true, whitespace: true, message: t('project.problem.titleRequired') }]}>
            <Input maxLength={200} showCount data-testid="project-problem-title" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="content" label={t('project.problem.content')}>
            <Input.TextArea rows={3} maxLength={5000} showCount data-testid="project-problem-content" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="leadUnitId" label={t('project.problem.leadUnit')} rules={[{ required: true, message: t('project.problem.leadUnitRequired') }]}>
            <UnitTreeSelect units={units} hideInactive fullLabels data-testid="project-problem-lead-unit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="dueOn" label={t('project.problem.dueOn')} rules={[{ required: true, message: t('project.problem.dueRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="project-problem-due" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
