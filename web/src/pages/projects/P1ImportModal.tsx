/**
 * Importing a project sheet step by step: ① the .xlsx as a county sends it (or the template) →
 * ② the check (a dry run) with the upload's progress: every error by Excel row and column, or the
 * rows it would register or update with their amounts in 万元 → ③ the import, all or nothing.
 */
import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ImportResult } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { SheetImportModal, type SheetImportKeys } from '../../components/SheetImportModal.tsx';
import { Wan } from './P1Parts.tsx';

type Row = ImportResult['rows'][number];

const KEYS: SheetImportKeys = {
  title: 'project.import.title',
  steps: ['project.import.stepFile', 'project.import.stepCheck', 'project.import.stepDone'],
  intro: 'project.import.intro',
  template: 'project.template',
  drop: 'project.import.drop',
  hint: 'project.import.hint',
  fileRequired: 'project.import.fileRequired',
  notXlsx: 'project.import.notXlsx',
  working: ['project.import.uploading', 'project.import.checking', 'project.import.importing'],
  checkBad: 'project.import.checkBad',
  refused: 'project.import.refused',
  check: 'project.import.check',
  reselect: 'project.import.reselect',
  confirm: 'project.import.confirm',
  close: 'project.import.close',
  doneTitle: 'project.import.doneTitle',
};

function ImportRows({ rows }: { rows: readonly Row[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Row> = [
    { title: t('project.import.row'), dataIndex: 'row', width: 64 },
    {
      title: t('project.import.action'),
      dataIndex: 'action',
      width: 90,
      render: (a: Row['action']) => (
        <Tag color={a === 'create' ? 'green' : 'blue'} data-action={a}>
          {a === 'create' ? t('project.import.create') : t('project.import.update')}
        </Tag>
      ),
    },
    { title: t('project.code'), dataIndex: 'code', width: 130, render: (v: string | null) => (v ? <span className="ls-code">{v}</span> : '—') },
    { title: t('project.name'), dataIndex: 'name', ellipsis: true },
    { title: t('project.unit'), dataIndex: 'unit', width: 120 },
    { title: t('project.totalWan'), dataIndex: 'totalYuan', width: 120, align: 'right', render: (v: number) => <Wan yuan={v} /> },
    { title: t('project.plannedWan'), dataIndex: 'plannedYuan', width: 120, align: 'right', render: (v: number) => <Wan yuan={v} /> },
    { title: t('project.completedWan'), dataIndex: 'completedYuan', width: 120, align: 'right', render: (v: number | null) => <Wan yuan={v} /> },
  ];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('project.import.rows', { n: rows.length })}
      </Typography.Title>
      <Table<Row>
        data-testid="project-import-rows"
        size="small"
        bordered
        rowKey="row"
        columns={columns}
        dataSource={[...rows]}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        onRow={(r) => ({ 'data-testid': 'project-import-row', 'data-row': r.row }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

export function ProjectImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  return (
    <SheetImportModal<ImportResult>
      testId="project-import"
      testIds={{ checkResult: 'project-import-check', checkButton: 'project-import-check-btn' }}
      keys={KEYS}
      templateUrl={api.projectTemplateUrl}
      upload={(file, dryRun, onProgress) => api.projectImport(file, dryRun, onProgress)}
      changes={(r) => r.created + r.updated}
      summary={(r, changes) =>
        changes === 0
          ? { type: 'warning', title: t('project.import.checkEmpty') }
          : { type: 'success', title: t('project.import.checkOk', { created: r.created, updated: r.updated }) }
      }
      info={(r) => (r.sheet ? t('project.import.sheet', { sheet: r.sheet }) : null)}
      preview={(r) => r.errors.length === 0 && r.rows.length > 0 && <ImportRows rows={r.rows} />}
      refusedResult={(r, errors) => ({ ...r, ok: false, dryRun: false, errors, rows: [], created: 0, updated: 0 })}
      doneBody={(r) => t('project.import.doneBody', { created: r.created, updated: r.updated })}
      onClose={onClose}
      onImported={() => onImported()}
    />
  );
}
