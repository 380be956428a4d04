/**
 * Importing an Excel sheet step by step, as the ledger and the projects do it: ① the .xlsx file
 * (the template to download, and any fields of the import before it) → ② the check (a dry run)
 * with the upload's progress: every error by Excel row and column, or the rows it would write →
 * ③ the import itself, all or nothing, and its counts. What differs between the two — the texts,
 * the upload, the summary and the preview of the rows — comes in as props.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Modal, Progress, Result, Space, Steps, Typography, Upload } from 'antd';
import type { AlertProps, FormInstance, UploadFile } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportError } from '../../../src/modules/ledger/schema.ts';
import { isApiError } from '../api.ts';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { ImportErrors } from '../pages/ledger/ImportReport.tsx';

/** What a check or an import answers: whether it went through, and the sheet's errors. */
export interface SheetImportResult {
  ok: boolean;
  errors: readonly ImportError[];
}

/** The dictionary keys of the dialog's texts; `checkBad` and `refused` take the errors' count `{n}`. */
export interface SheetImportKeys {
  title: MsgKey;
  /** The steps: choosing the file, the check, done. */
  steps: readonly [MsgKey, MsgKey, MsgKey];
  intro: MsgKey;
  template: MsgKey;
  drop: MsgKey;
  hint: MsgKey;
  fileRequired: MsgKey;
  notXlsx: MsgKey;
  /** While the file goes up, while the server checks it, while it imports. */
  working: readonly [MsgKey, MsgKey, MsgKey];
  checkBad: MsgKey;
  refused: MsgKey;
  check: MsgKey;
  reselect: MsgKey;
  confirm: MsgKey;
  close: MsgKey;
  doneTitle: MsgKey;
}

/** Fields of the import before the file, in a vertical form whose last item is the file. */
export interface SheetImportFields {
  form: FormInstance;
  initialValues: Record<string, unknown>;
  /** The fields' Form.Items. */
  items: ReactNode;
  /** The label of the file's form item. */
  fileLabel: MsgKey;
}

interface Props<R extends SheetImportResult> {
  /** The prefix of every data-testid: `{testId}-modal`, `-template`, `-file`, `-summary`, `-confirm`, … */
  testId: string;
  /** The ids that do not follow the prefix: by default `{testId}-check-result` and `{testId}-check`. */
  testIds?: { checkResult?: string; checkButton?: string };
  keys: SheetImportKeys;
  templateUrl: string;
  fields?: SheetImportFields;
  /** Sends the file to be checked (dryRun, `checked` null) or imported (`checked` is the check's result). */
  upload: (file: File, dryRun: boolean, onProgress: (percent: number) => void, checked: R | null) => Promise<R>;
  /** How many rows the import would create or update. */
  changes: (r: R) => number;
  /** The summary of a check that found no error. */
  summary: (r: R, changes: number) => { type: AlertProps['type']; title: string };
  /** The line under the summary (null: none). */
  info: (r: R) => ReactNode;
  /** The rows the check read, under its errors. */
  preview: (r: R) => ReactNode;
  /** The check's result as a refused import leaves it: the server's errors, nothing to write. */
  refusedResult: (checked: R, errors: ImportError[]) => R;
  /** What the import did, on its last step. */
  doneBody: (r: R) => string;
  onClose: () => void;
  /** A real import went through. */
  onImported: (r: R) => void;
}

type Phase = 'idle' | 'uploading' | 'checking' | 'importing';

/** The sheet's errors of a refused import (400 VALIDATION with details.errors), or null. */
function refusedErrors(e: unknown): ImportError[] | null {
  if (!isApiError(e) || e.code !== 'VALIDATION') return null;
  const errors = (e.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ImportError[]) : null;
}

const isXlsx = (name: string) => /\.xlsx$/i.test(name);

export function SheetImportModal<R extends SheetImportResult>(props: Props<R>) {
  const { testId, keys, fields, upload, onClose } = props;
  const { t, lang } = useI18n();
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [checked, setChecked] = useState<R | null>(null);
  /** The real import was refused: `checked` then holds its errors. */
  const [refused, setRefused] = useState(false);
  const [done, setDone] = useState<R | null>(null);
  const busy = phase !== 'idle';

  const progress = (p: number) => {
    setPercent(p);
    if (p >= 100) setPhase((ph) => (ph === 'uploading' ? 'checking' : ph));
  };

  const check = async () => {
    if (fields) {
      try {
        await fields.form.validateFields();
      } catch {
        if (!file) setFileError(t(keys.fileRequired));
        return;
      }
    }
    if (!file) {
      setFileError(t(keys.fileRequired));
      return;
    }
    setFailure(null);
    setPercent(0);
    setPhase('uploading');
    try {
      setChecked(await upload(file, true, progress, null));
      setRefused(false);
      setStep(1);
    } catch (e) {
      setFailure(e);
    } finally {
      setPhase('idle');
    }
  };

  const commit = async () => {
    if (!file || !checked) return;
    setFailure(null);
    setPercent(0);
    setPhase('importing');
    try {
      const r = await upload(file, false, setPercent, checked);
      setDone(r);
      setStep(2);
      props.onImported(r);
    } catch (e) {
      const errors = refusedErrors(e);
      if (errors) {
        // Something changed since the check: the server's errors, shown the same way.
        setChecked(props.refusedResult(checked, errors));
        setRefused(true);
      } else setFailure(e);
    } finally {
      setPhase('idle');
    }
  };

  const reselect = () => {
    setFile(null);
    setFailure(null);
    setChecked(null);
    setRefused(false);
    setStep(0);
  };

  const fileList: UploadFile[] = file ? [{ uid: testId, name: file.name, status: 'done', size: file.size }] : [];
  const failureText = failure !== null ? errorText(failure, lang, t('error.unexpected')) : null;
  const changes = checked ? props.changes(checked) : 0;

  const intro = (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t(keys.intro)}
      action={
        <Button size="small" icon={<DownloadOutlined />} href={props.templateUrl} data-testid={`${testId}-template`}>
          {t(keys.template)}
        </Button>
      }
    />
  );

  const dragger = (
    <div data-testid={`${testId}-file`}>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        maxCount={1}
        fileList={fileList}
        disabled={busy}
        beforeUpload={(f) => {
          if (!isXlsx(f.name)) {
            setFileError(t(keys.notXlsx));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          setFileError(null);
          setFailure(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        showUploadList={{ showPreviewIcon: false, showDownloadIcon: false }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t(keys.drop)}</p>
        <p className="ant-upload-hint">{t(keys.hint)}</p>
      </Upload.Dragger>
    </div>
  );

  const chooseStep = fields ? (
    <Form form={fields.form} layout="vertical" initialValues={fields.initialValues} disabled={busy}>
      {intro}
      {fields.items}
      <Form.Item label={t(fields.fileLabel)} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
        {dragger}
      </Form.Item>
    </Form>
  ) : (
    <div>
      {intro}
      {dragger}
      {fileError && <Typography.Text type="danger">{fileError}</Typography.Text>}
    </div>
  );

  const summary = (r: R) =>
    refused ? { type: 'error' as const, title: t(keys.refused, { n: r.errors.length }) } : !r.ok ? { type: 'error' as const, title: t(keys.checkBad, { n: r.errors.length }) } : props.summary(r, changes);

  const info = checked && props.info(checked);
  const checkStep = checked && (
    <div data-testid={props.testIds?.checkResult ?? `${testId}-check-result`}>
      <Alert showIcon {...summary(checked)} data-testid={`${testId}-summary`} />
      {info != null && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {info}
        </Typography.Paragraph>
      )}
      {checked.errors.length > 0 && <ImportErrors errors={checked.errors} />}
      {props.preview(checked)}
    </div>
  );

  const footer =
    step === 0 ? (
      <Space>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" onClick={() => void check()} loading={busy} data-testid={props.testIds?.checkButton ?? `${testId}-check`}>
          {t(keys.check)}
        </Button>
      </Space>
    ) : step === 1 ? (
      <Space>
        <Button onClick={reselect} disabled={busy} data-testid={`${testId}-reselect`}>
          {t(keys.reselect)}
        </Button>
        <Button type="primary" onClick={() => void commit()} loading={busy} disabled={!checked?.ok || refused || changes === 0} data-testid={`${testId}-confirm`}>
          {t(keys.confirm)}
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={onClose} data-testid={`${testId}-close`}>
        {t(keys.close)}
      </Button>
    );

  return (
    <Modal
      open
      width={1000}
      title={t(keys.title)}
      onCancel={onClose}
      mask={{ closable: !busy }}
      closable={!busy}
      keyboard={!busy}
      destroyOnHidden
      data-testid={`${testId}-modal`}
      footer={footer}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t(keys.steps[0]) },
          { title: t(keys.steps[1]), status: step === 1 && checked && !checked.ok ? 'error' : undefined },
          { title: t(keys.steps[2]) },
        ]}
      />
      {step === 0 && chooseStep}
      {step === 1 && checkStep}
      {step === 2 && done && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t(keys.doneTitle)}
          subTitle={<span data-testid={`${testId}-done`}>{props.doneBody(done)}</span>}
        />
      )}
      {busy && (
        <div style={{ marginTop: 16 }} data-testid={`${testId}-progress`}>
          <Typography.Text type="secondary">{t(keys.working[phase === 'uploading' ? 0 : phase === 'checking' ? 1 : 2])}</Typography.Text>
          <Progress percent={percent} status="active" size="small" />
        </div>
      )}
      {failureText && <Alert type="error" showIcon style={{ marginTop: 16 }} title={failureText} data-testid={`${testId}-failure`} />}
    </Modal>
  );
}
