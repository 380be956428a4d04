/**
 * 填报月度进度: the month's completed investment in 万元, the progress in words and site photos
 * (JPEG or PNG, uploaded on choice), saved as a draft or saved and submitted in one step. Opened
 * from the project page and from the report lists; it reads the month's report itself when the
 * caller has only the project.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Spin, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { wanOf, yuanFromWan } from '../../../../src/domain/projects.ts';
import type { Report } from '../../../../src/modules/projects/schema.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { FileUpload, stillUploading, uploadedIds } from '../../components/FileUpload.tsx';
import { useMatterFormErrors } from '../matters/formErrors.ts';
import { ReportStateTag, currentReports, isPhotoName, monthText } from './P1Parts.tsx';

interface Values {
  /** 万元 in the form; `completedYuan` is the server's name, so its issues land here. */
  completedYuan: number | null;
  progress: string;
  photoIds: UploadFile[];
}

const FIELDS = ['completedYuan', 'progress', 'photoIds'] as const;

export interface ReportModalProps {
  projectId: number;
  /** Code and name for the title. */
  label: string;
  month: string;
  /** The month's newest report when the caller has it; undefined: read it here. */
  report?: Report | null;
  onClose: () => void;
  /** Saved (or submitted): the caller reloads. */
  onDone: (r: Report) => void;
}

function photoList(r: Report | null): UploadFile[] {
  return (r?.photos ?? []).map((p) => ({
    uid: p.fileId,
    name: p.name,
    status: 'done',
    size: p.size,
    url: api.fileUrl(p.fileId),
    response: { id: p.fileId, name: p.name, contentType: p.contentType, size: p.size },
  }));
}

export function ReportModal({ projectId, label, month, report, onClose, onDone }: ReportModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<Report | null | undefined>(report);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (report !== undefined) return;
    let cancelled = false;
    api.project(projectId).then(
      (p) => {
        if (!cancelled) setCurrent(currentReports(p.reports).get(month) ?? null);
      },
      (e: unknown) => {
        if (!cancelled) setLoadError(e);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [projectId, month, report]);

  // The form starts from the report once it is known.
  useEffect(() => {
    if (current === undefined) return;
    form.setFieldsValue({
      completedYuan: current ? wanOf(current.completedYuan) : null,
      progress: current?.progress ?? '',
      photoIds: photoList(current),
    });
  }, [current, form]);

  const editable = current === null || current?.state === 'draft' || current?.state === 'returned';

  const save = async (submit: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (stillUploading(v.photoIds)) {
      void message.warning(t('project.report.photosUploading'));
      return;
    }
    setBusy(submit ? 'submit' : 'save');
    setRefusal(null);
    try {
      const saved = await api.saveReport(projectId, month, {
        ...(current ? { version: current.version } : {}),
        completedYuan: yuanFromWan(v.completedYuan ?? 0),
        progress: (v.progress ?? '').trim(),
        photoIds: uploadedIds(v.photoIds),
        submit,
      });
      void message.success(submit ? t('project.report.submitted') : t('project.report.saved'));
      onDone(saved);
    } catch (e) {
      const code = onError(form, e, FIELDS);
      // The report moved on meanwhile (submitted elsewhere, a newer version): say so in the dialog.
      if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') setRefusal(errorText(e, lang, t('conflict.body')));
    } finally {
      setBusy(null);
    }
  };

  const loading = current === undefined && loadError === null;

  return (
    <Modal
      open
      width={640}
      title={t('project.report.fillTitle', { month: monthText(month, lang), project: label })}
      onCancel={onClose}
      mask={{ closable: busy === null }}
      destroyOnHidden
      data-testid="report-modal"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy !== null}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save(false)} loading={busy === 'save'} disabled={!editable || busy === 'submit' || loading} data-testid="report-save">
            {t('project.report.save')}
          </Button>
          <Button type="primary" onClick={() => void save(true)} loading={busy === 'submit'} disabled={!editable || busy === 'save' || loading} data-testid="report-submit">
            {t('project.report.saveSubmit')}
          </Button>
        </Space>
      }
    >
      {loading && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
      {loadError !== null && <Alert type="error" showIcon title={errorText(loadError, lang, t('error.unexpected'))} />}
      {current !== undefined && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <Typography.Text type="secondary">{t('project.report.stateNow')}</Typography.Text>
            <ReportStateTag state={current?.state ?? null} testId="report-modal-state" />
            {current && current.edition > 1 && <Typography.Text type="secondary">{t('project.report.edition', { n: current.edition })}</Typography.Text>}
          </Space>
          {current?.state === 'returned' && current.returnReason && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('project.report.returnedBecause', { reason: current.returnReason })} data-testid="report-modal-returned" />
          )}
          {current?.correctionReason && current.state === 'draft' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('project.report.correctionBecause', { reason: current.correctionReason })} />
          )}
          {!editable && current && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('project.report.notEditable')} />}
        </>
      )}
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} data-testid="report-refusal" />}
      <Form<Values> form={form} layout="vertical" disabled={busy !== null || !editable || loading} requiredMark="optional" initialValues={{ completedYuan: null, progress: '', photoIds: [] }}>
        <Form.Item
          name="completedYuan"
          label={t('project.report.amount')}
          extra={t('project.report.amountHelp')}
          rules={[{ required: true, message: t('project.report.amountRequired') }]}
        >
          <InputNumber<number> min={0} max={10_000_000_000} precision={2} step={10} style={{ width: 240 }} suffix={t('project.unit.wan')} data-testid="report-amount" />
        </Form.Item>
        <Form.Item name="progress" label={t('project.report.progress')} rules={[{ required: true, whitespace: true, message: t('project.report.progressRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('project.report.progressPlaceholder')} data-testid="report-progress" />
        </Form.Item>
        <Form.Item
          name="photoIds"
          label={t('project.report.photos')}
          extra={t('project.report.photosHelp')}
          valuePropName="fileList"
          getValueFromEvent={(list: UploadFile[]) => {
            // Site photos are JPEG or PNG pictures only: anything else is left out of the report.
            const kept = list.filter((f) => isPhotoName(f.name));
            if (kept.length < list.length) void message.warning(t('project.report.photosOnly'));
            return kept;
          }}
          rules={[
            {
              validator: async (_r, list: UploadFile[] | undefined) => {
                if ((list ?? []).some((f) => f.status === 'error')) throw new Error(t('project.report.photoFailed'));
              },
            },
          ]}
        >
          <FileUpload max={20} data-testid="report-photos" />
        </Form.Item>
      </Form>
      {isApiError(loadError) && loadError.code === 'NOT_FOUND' && <Typography.Text type="secondary">{t('project.notFound')}</Typography.Text>}
    </Modal>
  );
}
