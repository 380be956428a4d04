import { useState, type ReactNode } from 'react';
import { Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ROLE_LABELS, SCOPE_LABELS, type Role, type Scope } from '../../../../src/platform/policies.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../../src/modules/org/schema.ts';
import { useI18n, type I18n } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../util.ts';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON with sorted keys, so equal objects compare equal however their keys were ordered. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isRecord(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const UNIT_FIELDS = new Set(['unitId', 'parentId']);

function renderValue(field: string, v: unknown, i18n: I18n, units: ReadonlyMap<number, string>): ReactNode {
  const { t, l } = i18n;
  const unitLabel = (id: number) => (units.has(id) ? `${units.get(id)} (#${id})` : `#${id}`);
  if (typeof v === 'number' && UNIT_FIELDS.has(field)) return unitLabel(v);
  if (field === 'unitIds' && Array.isArray(v) && v.every((x) => typeof x === 'number')) {
    return v.length ? v.map((id: number) => units.get(id) ?? `#${id}`).join('、') : t('audit.diff.emptyList');
  }
  if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">{t('audit.diff.empty')}</Typography.Text>;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'string') {
    if (field === 'role' && v in ROLE_LABELS) return `${l(ROLE_LABELS[v as Role])} (${v})`;
    if (field === 'scope' && v in SCOPE_LABELS) return `${l(SCOPE_LABELS[v as Scope])} (${v})`;
    if (field === 'kind' && v in UNIT_KIND_LABELS) return `${l(UNIT_KIND_LABELS[v as UnitKind])} (${v})`;
    if (ISO_RE.test(v)) return fmtDateTime(v) || v;
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) {
    return v.length ? v.map(String).join('、') : <Typography.Text type="secondary">{t('audit.diff.emptyList')}</Typography.Text>;
  }
  return <pre className="ls-json">{JSON.stringify(v, null, 2)}</pre>;
}

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Before and after of an audited change, field by field, with the changed fields highlighted. */
export function AuditDiff({
  before,
  after,
  unitNames,
}: {
  before: unknown;
  after: unknown;
  /** Unit names by id, to show units by name rather than number. */
  unitNames: ReadonlyMap<number, string>;
}) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const [onlyChanged, setOnlyChanged] = useState(true);

  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return <Typography.Text type="secondary">{t('audit.diff.none')}</Typography.Text>;

  // Not objects: show the values as they are.
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {hasBefore && (
          <div>
            <Typography.Text strong>{t('audit.diff.before')}</Typography.Text>
            <pre className="ls-json">{JSON.stringify(before, null, 2)}</pre>
          </div>
        )}
        {hasAfter && (
          <div>
            <Typography.Text strong>{t('audit.diff.after')}</Typography.Text>
            <pre className="ls-json">{JSON.stringify(after, null, 2)}</pre>
          </div>
        )}
      </Space>
    );
  }

  const b: Rec = isRecord(before) ? before : {};
  const a: Rec = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const both = hasBefore && hasAfter;
  const rows: Row[] = keys.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: both ? stable(b[field]) !== stable(a[field]) : true,
  }));
  const changedCount = rows.filter((r) => r.changed).length;
  const shown = both && onlyChanged ? rows.filter((r) => r.changed) : rows;

  const columns: TableColumnsType<Row> = [
    {
      title: t('audit.diff.field'),
      dataIndex: 'field',
      width: 200,
      render: (f: string, r) => (
        <span>
          {r.changed && both && <span className="ls-diff-dot" aria-hidden />}
          {tx(`field.${f}`, f)}
          <Typography.Text type="secondary" className="ls-field-code">
            {f}
          </Typography.Text>
        </span>
      ),
    },
    ...(hasBefore
      ? [
          {
            title: t('audit.diff.before'),
            dataIndex: 'before',
            render: (_v: unknown, r: Row) => <span className={both && r.changed ? 'ls-diff-old' : undefined}>{renderValue(r.field, r.before, i18n, unitNames)}</span>,
          },
        ]
      : []),
    ...(hasAfter
      ? [
          {
            title: t('audit.diff.after'),
            dataIndex: 'after',
            render: (_v: unknown, r: Row) => <span className={both && r.changed ? 'ls-diff-new' : undefined}>{renderValue(r.field, r.after, i18n, unitNames)}</span>,
          },
        ]
      : []),
  ];

  return (
    <div className="ls-diff" data-testid="audit-diff">
      <Space style={{ marginBottom: 8 }} wrap>
        {both ? (
          <>
            <Tag color={changedCount ? 'orange' : 'default'}>{t('audit.diff.changedCount', { n: changedCount })}</Tag>
            <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
            <Typography.Text>{t('audit.diff.onlyChanged')}</Typography.Text>
          </>
        ) : (
          <Tag color={hasAfter ? 'green' : 'red'}>{hasAfter ? t('audit.diff.created') : t('audit.diff.removed')}</Tag>
        )}
      </Space>
      <Table<Row>
        rowKey="field"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={false}
        bordered
        rowClassName={(r) => (both && r.changed ? 'ls-diff-row-changed' : '')}
        locale={{ emptyText: t('audit.diff.noChanges') }}
      />
    </div>
  );
}
