/**
 * Importing a ledger sheet step by step: ① the source document and the .xlsx file (the template to
 * download) → ② the check (a dry run) with the upload's progress, each row's outcome and every
 * error by Excel row and column → ③ the import itself, all or nothing, and its counts.
 */
import { AutoComplete, Form } from 'antd';
import type { ImportResult } from '../../../../src/modules/ledger/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { SheetImportModal, type SheetImportKeys } from '../../components/SheetImportModal.tsx';
import { ImportItems } from './ImportReport.tsx';

interface Props {
  /** The source documents already in the ledger (offered when typing the name). */
  documents: readonly string[];
  /** The document to start with (the one the ledger shows). */
  initialDoc?: string;
  onClose: () => void;
  /** A real import went through: the ledger turns to its document. */
  onImported: (sourceDoc: string) => void;
}

const KEYS: SheetImportKeys = {
  title: 'ledger.importTitle',
  steps: ['ledger.step.file', 'ledger.step.check', 'ledger.step.done'],
  intro: 'ledger.templateIntro',
  template: 'ledger.downloadTemplate',
  drop: 'ledger.fileDrop',
  hint: 'ledger.fileHint',
  fileRequired: 'ledger.fileRequired',
  notXlsx: 'ledger.fileNotXlsx',
  working: ['ledger.uploading', 'ledger.checking', 'ledger.importing'],
  checkBad: 'ledger.checkBad',
  refused: 'ledger.importFailed',
  check: 'ledger.check',
  reselect: 'ledger.reselect',
  confirm: 'ledger.confirm',
  close: 'ledger.viewLedger',
  doneTitle: 'ledger.doneTitle',
};

export function ImportModal({ documents, initialDoc, onClose, onImported }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ sourceDoc: string }>();

  const sourceDoc = (
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
  );

  return (
    <SheetImportModal<ImportResult>
      testId="import"
      keys={KEYS}
      templateUrl={api.ledgerTemplateUrl}
      fields={{ form, initialValues: { sourceDoc: initialDoc ?? '' }, items: sourceDoc, fileLabel: 'ledger.file' }}
      upload={(file, dryRun, onProgress, checked) =>
        // The import goes to the document the check named.
        api.ledgerImport(file, checked ? checked.sourceDoc : (form.getFieldValue('sourceDoc') as string).trim(), dryRun, onProgress)
      }
      changes={(r) => r.counts.created + r.counts.updated}
      summary={(r, changes) =>
        r.items.length === 0
          ? { type: 'warning', title: t('ledger.checkEmpty') }
          : changes === 0
            ? { type: 'info', title: t('ledger.checkNothing') }
            : { type: 'success', title: t('ledger.checkOk', r.counts) }
      }
      info={(r) => (
        <>
          {t('ledger.sourceDoc')}：{r.sourceDoc}
          {r.headerRow !== null && (
            <>
              {lang === 'zh' ? '；' : '; '}
              {t('ledger.sheetInfo', { sheet: r.sheet, header: r.headerRow, n: r.items.length })}
            </>
          )}
        </>
      )}
      preview={(r) => r.items.length > 0 && <ImportItems items={r.items} />}
      refusedResult={(r, errors) => ({ ...r, ok: false, dryRun: false, errors, items: [], counts: { created: 0, updated: 0, unchanged: 0 } })}
      doneBody={(r) => t('ledger.doneBody', { ...r.counts, doc: r.sourceDoc })}
      onClose={onClose}
      onImported={(r) => onImported(r.sourceDoc)}
    />
  );
}
