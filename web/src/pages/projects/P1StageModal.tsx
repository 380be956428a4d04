/**
 * 变更阶段: the new stage with the actual start and finish it needs, and a note for the history.
 * The server decides (新开工 and 续建 need the start, 竣工投产 the finish); its refusal is shown in
 * the form, next to the date it names.
 */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from '../../../../src/domain/projects.ts';
import type { Project } from '../../../../src/modules/projects/schema.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { applyFormErrors, errorText } from '../../feedback.ts';
import { FormModal } from '../../components/FormModal.tsx';

interface Values {
  stage: ProjectStage;
  actualStart: Dayjs | null;
  actualFinish: Dayjs | null;
  note: string;
}

const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

export function StageModal({ project, onClose, onSaved, onStale }: { project: Project; onClose: () => void; onSaved: (p: Project) => void; onStale: () => void }) {
  const { t, l, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const stage = Form.useWatch('stage', form);

  const submit = async (v: Values) => {
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await api.projectStage(project.id, {
        version: project.version,
        stage: v.stage,
        actualStart: day(v.actualStart),
        actualFinish: day(v.actualFinish),
        note: (v.note ?? '').trim(),
      });
      void message.success(t('project.stageChange.done', { stage: l(STAGE_LABELS[v.stage]) }));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.handled) return;
      applyFormErrors(form, e, lang, ['stage', 'actualStart', 'actualFinish', 'note']);
      setRefusal(errorText(e, lang, t('error.unexpected')));
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      width={560}
      title={t('project.stageChange.title', { code: project.code })}
      form={form}
      initialValues={{ stage: project.stage, actualStart: project.actualStart ? dayjs(project.actualStart) : null, actualFinish: project.actualFinish ? dayjs(project.actualFinish) : null, note: '' }}
      onFinish={submit}
      busy={busy}
      onClose={onClose}
      submitText={t('common.save')}
      testId="project-stage-modal"
      submitTestId="project-stage-save"
      above={refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} data-testid="project-stage-refusal" />}
    >
      <Form.Item name="stage" label={t('project.stageChange.to')} rules={[{ required: true }]}>
        <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: l(STAGE_LABELS[s]), disabled: s === project.stage }))} data-testid="project-stage-select" />
      </Form.Item>
      <Form.Item name="actualStart" label={t('project.actualStart')} extra={t('project.stageChange.startHelp')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="project-stage-start" />
      </Form.Item>
      <Form.Item name="actualFinish" label={t('project.actualFinish')} extra={stage === 'completed' ? t('project.stageChange.finishHelp') : undefined}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="project-stage-finish" />
      </Form.Item>
      <Form.Item name="note" label={t('project.stageChange.note')}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="project-stage-note" />
      </Form.Item>
    </FormModal>
  );
}
