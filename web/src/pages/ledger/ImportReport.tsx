/** What a check of a ledger sheet found: the sheet's errors by Excel row and column, and each row's outcome. */
import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ImportError, ImportItem } from '../../../../src/modules/ledger/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';

const OUTCOME: Record<ImportItem['outcome'], { key: MsgKey; color: string }> = {
  create: { key: 'ledger.outcome.create', color: 'green' },
  update: { key: 'ledger.outcome.update', color: 'blue' },
  unchanged: { key: 'ledger.outcome.unchanged', color: 'default' },
  invalid: { key: 'ledger.outcome.invalid', color: 'red' },
};

const CHANGE: Record<string, MsgKey> = {
  requirement: 'ledger.change.requirement',
  measures: 'ledger.change.measures',
  content: 'ledger.change.content',
  category: 'ledger.change.category',
  due: 'ledger.change.due',
};

export function OutcomeTag({ outcome }: { outcome: ImportItem['outcome'] }) {
  const { t } = useI18n();
  const o = OUTCOME[outcome];
  return (
    <Tag color={o.color} data-testid="import-outcome" data-outcome={outcome}>
      {t(o.key)}
    </Tag>
  );
}

export function ImportErrors({ errors }: { errors: readonly ImportError[] }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<ImportError> = [
    { title: t('ledger.err.row'), dataIndex: 'row', width: 80, render: (v: number | null) => (v === null ? t('ledger.err.sheet') : v) },
    { title: t('ledger.err.column'), dataIndex: 'column', width: 170, render: (v: string | null) => v ?? '—' },
    {
      title: t('ledger.err.message'),
      key: 'message',
      render: (_v, e) => <Typography.Text type="danger">{lang === 'zh' ? e.message : e.messageEn || e.message}</Typography.Text>,
    },
  ];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('ledger.errors', { n: errors.length })}
      </Typography.Title>
      <Table<ImportError>
        data-testid="import-errors"
        size="small"
        bordered
        rowKey={(e) => `${e.row ?? 0}-${e.column ?? ''}-${e.message}`}
        columns={columns}
        dataSource={[...errors]}
        pagination={false}
        scroll={{ y: 240 }}
        onRow={(e) => ({ 'data-testid': 'import-error', 'data-row': e.row ?? '' }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

export function ImportItems({ items }: { items: readonly ImportItem[] }) {
  const { t, lang } = useI18n();
  const sep = lang === 'zh' ? '、' : ', ';
  const columns: TableColumnsType<ImportItem> = [
    { title: t('ledger.item.row'), dataIndex: 'row', width: 64 },
    { title: t('ledger.item.outcome'), dataIndex: 'outcome', width: 96, render: (v: ImportItem['outcome']) => <OutcomeTag outcome={v} /> },
    { title: t('ledger.item.category'), dataIndex: 'category', width: 130, ellipsis: true, render: (v: string) => v || '—' },
    {
      title: t('ledger.item.problem'),
      dataIndex: 'title',
      render: (v: string, i) => (
        <span>
          {v || <Typography.Text type="secondary">—</Typography.Text>}
          {i.note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.note}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('ledger.item.unit'),
      dataIndex: 'leadUnit',
      width: 170,
      render: (v: string, i) => (
        <span>
          {v || '—'}
          {i.assistUnits.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('ledger.assist', { units: i.assistUnits.join(sep) })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('ledger.item.due'),
      dataIndex: 'due',
      width: 110,
      render: (v: string | null, i) => v ?? (i.dueText ? <Typography.Text type="danger">{i.dueText}</Typography.Text> : '—'),
    },
    {
      title: t('ledger.item.changes'),
      dataIndex: 'changes',
      width: 150,
      render: (v: string[]) =>
        v.length ? (
          <span data-testid="import-changes">
            {v.map((c) => (
              <Tag key={c} color="blue" variant="outlined">
                {CHANGE[c] ? t(CHANGE[c]) : c}
              </Tag>
            ))}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('ledger.items', { n: items.length })}
      </Typography.Title>
      <Table<ImportItem>
        data-testid="import-items"
        size="small"
        bordered
        rowKey="row"
        columns={columns}
        dataSource={[...items]}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        onRow={(i) => ({ 'data-testid': 'import-item', 'data-row': i.row }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
