/**
 * Importing a ledger sheet step by step: ① the source document and the .xlsx file (the template to
 * download) → ② the check (a dry run) with the upload's progress, each row's outcome and every
 * error by Excel row and column → ③ the import itself, all or nothing, and its counts.
 */
import { useState } from 'react';
import { Alert, AutoComplete, Button, Form, Modal, Progress, Result, Space, Steps, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportError, ImportResult } from '../../../../src/modules/ledger/schema.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { ImportErrors, ImportItems } from './ImportReport.tsx';

interface Props {
  /** The source documents already in the ledger (offered when typing the name). */
  documents: readonly string[];
  /** The document to start with (the one the ledger shows). */
  initialDoc?: string;
  onClose: () => void;
  /** A real import went through: the ledger turns to its document. */
  onImported: (sourceDoc: string) => void;
}

type Phase = 'idle' | 'uploading' | 'checking' | 'importing';

/** The sheet's errors of a refused import (400 VALIDATION with details.errors), or null. */
function refusedErrors(e: unknown): ImportError[] | null {
  if (!isApiError(e) || e.code !== 'VALIDATION') return null;
  const errors = (e.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ImportError[]) : null;
}

const isXlsx = (name: string) => /\.xlsx$/i.test(name);

export function ImportModal({ documents, initialDoc, onClose, onImported }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ sourceDoc: string }>();
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  /** The real import was refused: `checked` then holds its errors. */
  const [refused, setRefused] = useState(false);
  const [done, setDone] = useState<ImportResult | null>(null);
  const busy = phase !== 'idle';

  const progress = (p: number) => {
    setPercent(p);
    if (p >= 100) setPhase((ph) => (ph === 'uploading' ? 'checking' : ph));
  };

  const check = async () => {
    let values: { sourceDoc: string };
    try {
      values = await form.validateFields();
    } catch {
      if (!file) setFileError(t('ledger.fileRequired'));
      return;
    }
    if (!file) {
      setFileError(t('ledger.fileRequired'));
      return;
    }
    setFailure(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const r = await api.ledgerImport(file, values.sourceDoc.trim(), true, progress);
      setChecked(r);
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
      const r = await api.ledgerImport(file, checked.sourceDoc, false, setPercent);
      setDone(r);
      setStep(2);
      onImported(r.sourceDoc);
    } catch (e) {
      const errors = refusedErrors(e);
      if (errors) {
        // Something changed since the check: show the server's errors the same way.
        setChecked({ ...checked, ok: false, dryRun: false, errors, items: [], counts: { created: 0, updated: 0, unchanged: 0 } });
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

  const fileList: UploadFile[] = file ? [{ uid: 'ledger', name: file.name, status: 'done', size: file.size }] : [];
  const failureText = failure !== null ? errorText(failure, lang, t('error.unexpected')) : null;
  const changes = checked ? checked.counts.created + checked.counts.updated : 0;

  const working = busy && (
    <div style={{ marginTop: 16 }} data-testid="import-progress">
      <Typography.Text type="secondary">
        {phase === 'uploading' ? t('ledger.uploading') : phase === 'checking' ? t('ledger.checking') : t('ledger.importing')}
      </Typography.Text>
      <Progress percent={percent} status="active" size="small" />
    </div>
  );

  const chooseStep = (
    <Form form={form} layout="vertical" initialValues={{ sourceDoc: initialDoc ?? '' }} disabled={busy}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('ledger.templateIntro')}
        action={
          <Button size="small" icon={<DownloadOutlined />} href={api.ledgerTemplateUrl} data-testid="import-template">
            {t('ledger.downloadTemplate')}
          </Button>
        }
      />
      <Form.Item
        name="sourceDoc"
        label={t('ledger.sourceDoc')}
        extra={t('ledger.sourceDocHelp')}
        rules={[
          { required: true, whitespace: true, message: t('ledger.sourceDocRequired') },
          { max: 150, message: t('common.maxLength', { n: 150 }) },
        ]}
      >
        <AutoComplete
          allowClear
          placeholder={t('ledger.sourceDocPlaceholder')}
          options={documents.map((d) => ({ value: d }))}
          showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
          data-testid="import-source-doc"
        />
      </Form.Item>
      <Form.Item label={t('ledger.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
        <div data-testid="import-file">
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            maxCount={1}
            fileList={fileList}
            disabled={busy}
            beforeUpload={(f) => {
              if (!isXlsx(f.name)) {
                setFileError(t('ledger.fileNotXlsx'));
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
            <p className="ant-upload-text">{t('ledger.fileDrop')}</p>
            <p className="ant-upload-hint">{t('ledger.fileHint')}</p>
          </Upload.Dragger>
        </div>
      </Form.Item>
    </Form>
  );

  const checkStep = checked && (
    <div data-testid="import-check-result">
      {refused ? (
        <Alert type="error" showIcon title={t('ledger.importFailed', { n: checked.errors.length })} data-testid="import-summary" />
      ) : !checked.ok ? (
        <Alert type="error" showIcon title={t('ledger.checkBad', { n: checked.errors.length })} data-testid="import-summary" />
      ) : checked.items.length === 0 ? (
        <Alert type="warning" showIcon title={t('ledger.checkEmpty')} data-testid="import-summary" />
      ) : changes === 0 ? (
        <Alert type="info" showIcon title={t('ledger.checkNothing')} data-testid="import-summary" />
      ) : (
        <Alert type="success" showIcon title={t('ledger.checkOk', checked.counts)} data-testid="import-summary" />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('ledger.sourceDoc')}：{checked.sourceDoc}
        {checked.headerRow !== null && (
          <>
            {lang === 'zh' ? '；' : '; '}
            {t('ledger.sheetInfo', { sheet: checked.sheet, header: checked.headerRow, n: checked.items.length })}
          </>
        )}
      </Typography.Paragraph>
      {checked.errors.length > 0 && <ImportErrors errors={checked.errors} />}
      {checked.items.length > 0 && <ImportItems items={checked.items} />}
    </div>
  );

  const doneStep = done && (
    <Result
      status="success"
      icon={<CheckCircleOutlined />}
      title={t('ledger.doneTitle')}
      subTitle={<span data-testid="import-done">{t('ledger.doneBody', { ...done.counts, doc: done.sourceDoc })}</span>}
    />
  );

  const footer =
    step === 0 ? (
      <Space>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" onClick={check} loading={busy} data-testid="import-check">
          {t('ledger.check')}
        </Button>
      </Space>
    ) : step === 1 ? (
      <Space>
        <Button onClick={reselect} disabled={busy} data-testid="import-reselect">
          {t('ledger.reselect')}
        </Button>
        <Button type="primary" onClick={commit} loading={busy} disabled={!checked?.ok || refused || changes === 0} data-testid="import-confirm">
          {t('ledger.confirm')}
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={onClose} data-testid="import-close">
        {t('ledger.viewLedger')}
      </Button>
    );

  return (
    <Modal
      open
      width={1000}
      title={t('ledger.importTitle')}
      onCancel={onClose}
      mask={{ closable: !busy }}
      closable={!busy}
      keyboard={!busy}
      destroyOnHidden
      data-testid="import-modal"
      footer={footer}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('ledger.step.file') },
          { title: t('ledger.step.check'), status: step === 1 && checked && !checked.ok ? 'error' : undefined },
          { title: t('ledger.step.done') },
        ]}
      />
      {step === 0 && chooseStep}
      {step === 1 && checkStep}
      {step === 2 && doneStep}
      {working}
      {failureText && <Alert type="error" showIcon style={{ marginTop: 16 }} title={failureText} data-testid="import-failure" />}
    </Modal>
  );
}
