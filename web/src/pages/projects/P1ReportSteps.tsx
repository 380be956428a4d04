/**
 * The steps on a month's report, by side and state: the clerk fills in, submits, or starts a
 * correction of an accepted month; the unit head confirms or returns a submitted report; the
 * project office accepts or returns a confirmed one. Each step sends the report's version; a
 * refusal (409: the report moved on meanwhile) shows the server's words and the caller reloads.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import type { ReportState } from '../../../../src/domain/projects.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';

/** What the user may do on this project's reports. */
export interface ReportSides {
  report: boolean;
  confirm: boolean;
  review: boolean;
}

export interface StepTarget {
  projectId: number;
  month: string;
  /** The newest edition's state, or null when the month has no report yet. */
  state: ReportState | null;
  version: number | null;
}

type Step = 'submit' | 'confirm' | 'accept' | 'return' | 'correct';

/** The steps open to these sides on a report in this state. */
export function stepsFor(sides: ReportSides, state: ReportState | null): { fill: boolean; steps: Step[] } {
  const steps: Step[] = [];
  const fill = sides.report && (state === null || state === 'draft' || state === 'returned');
  if (sides.report && (state === 'draft' || state === 'returned')) steps.push('submit');
  if (sides.report && state === 'accepted') steps.push('correct');
  if (sides.confirm && state === 'submitted') steps.push('confirm', 'return');
  if (sides.review && state === 'confirmed') steps.push('accept', 'return');
  return { fill, steps };
}

const LABELS: Record<Step, MsgKey> = {
  submit: 'project.step.submit',
  confirm: 'project.step.confirm',
  accept: 'project.step.accept',
  return: 'project.step.return',
  correct: 'project.step.correct',
};
const TEST_IDS: Record<Step, string> = {
  submit: 'report-submit-action',
  confirm: 'report-confirm',
  accept: 'report-accept',
  return: 'report-return',
  correct: 'report-correct',
};
const DONE: Record<Step, MsgKey> = {
  submit: 'project.step.done.submit',
  confirm: 'project.step.done.confirm',
  accept: 'project.step.done.accept',
  return: 'project.step.done.return',
  correct: 'project.step.done.correct',
};

interface Props {
  target: StepTarget;
  sides: ReportSides;
  /** Opens the fill-in dialog (填报 / 修改); no button when absent. */
  onFill?: () => void;
  /** After a step (or a refusal): reload. */
  onChanged: () => void;
  size?: 'small' | 'middle';
  /** The fill button's test id (the project page's differs from the lists'). */
  fillTestId?: string;
}

export function ReportStepButtons({ target, sides, onFill, onChanged, size = 'small', fillTestId = 'report-fill' }: Props) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<Step | null>(null);
  const [asking, setAsking] = useState<'return' | 'correct' | null>(null);
  const { fill, steps } = stepsFor(sides, target.state);

  const run = async (step: Step, reason?: string): Promise<boolean> => {
    setBusy(step);
    try {
      if (step === 'correct') await api.correctReport(target.projectId, target.month, { reason: reason ?? '' });
      else await api.reportAction(target.projectId, target.month, { action: step, version: target.version ?? 1, ...(reason ? { reason } : {}) });
      void message.success(t(DONE[step]));
      onChanged();
      return true;
    } catch (e) {
      if (isApiError(e) && e.handled) return false;
      if (isApiError(e) && (e.status === 409 || e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND')) {
        // The report moved on (or is no longer the user's to act on): the server says how; show it fresh.
        modal.warning({ title: t('project.step.refused'), content: errorText(e, lang, t('conflict.body')) });
        onChanged();
        return true;
      }
      void message.error(errorText(e, lang, t('error.unexpected')));
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (!fill && steps.length === 0) return null;
  return (
    <>
      <Space size={4} wrap>
        {fill && onFill && (
          <Button size={size} type="primary" ghost={size === 'small'} onClick={onFill} disabled={busy !== null} data-testid={fillTestId}>
            {target.state === null ? t('project.step.fill') : t('project.step.edit')}
          </Button>
        )}
        {steps.map((s) => (
          <Button
            key={s}
            size={size}
            type={s === 'confirm' || s === 'accept' ? 'primary' : 'default'}
            danger={s === 'return'}
            loading={busy === s}
            disabled={busy !== null && busy !== s}
            onClick={() => (s === 'return' || s === 'correct' ? setAsking(s) : void run(s))}
            data-testid={TEST_IDS[s]}
          >
            {t(LABELS[s])}
          </Button>
        ))}
      </Space>
      {asking && <ReasonModal step={asking} onClose={() => setAsking(null)} onOk={(reason) => run(asking, reason)} />}
    </>
  );
}

/** The reason of a return (to the clerk) or of a correction (of an accepted month). */
function ReasonModal({ step, onClose, onOk }: { step: 'return' | 'correct'; onClose: () => void; onOk: (reason: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    const closed = await onOk(reason.trim());
    setBusy(false);
    if (closed) onClose();
  };
  const prefix = step === 'return' ? 'report-return' : 'report-correct';
  return (
    <Modal
      open
      width={520}
      title={step === 'return' ? t('project.step.returnTitle') : t('project.step.correctTitle')}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid={`${prefix}-modal`}
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" danger={step === 'return'} loading={busy} onClick={() => form.submit()} data-testid={`${prefix}-ok`}>
            {step === 'return' ? t('project.step.return') : t('project.step.correct')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="reason"
          label={step === 'return' ? t('project.step.returnReason') : t('project.step.correctReason')}
          extra={step === 'correct' ? t('project.step.correctHelp') : undefined}
          rules={[
            { required: true, whitespace: true, message: t('project.step.reasonRequired') },
            { min: 2, message: t('project.step.reasonShort') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid={`${prefix}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
