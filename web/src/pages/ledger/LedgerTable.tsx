/**
 * The ledger in the inspection offices' layout: 序号 / 问题 / 整改要求 / 整改措施 / 责任单位 /
 * 整改时限 / 进展情况 / 状态, the items under a full-width row of their section (分类) — and of
 * their source document when the ledger spans several — as the offices' Excel sheets have them.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { LedgerRow } from '../../../../src/modules/ledger/schema.ts';
import { STATE_LABELS } from '../../../../src/domain/matters.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DaysLeft, LightTag, StateTag } from '../matters/parts.tsx';

export interface LedgerColumn {
  key: string;
  zh: string;
  en: string;
}

type Line = { kind: 'group'; key: string; label: string } | { kind: 'item'; key: string; row: LedgerRow };

/** The rows with a group row before each new section (and each new document when `byDocument`). */
export function withGroups(rows: readonly LedgerRow[], byDocument: boolean): Line[] {
  const lines: Line[] = [];
  let current: string | null = null;
  for (const r of rows) {
    const key = `${byDocument ? r.sourceDoc : ''}\u0000${r.category}`;
    if (key !== current) {
      current = key;
      const label = [byDocument && r.sourceDoc ? `【${r.sourceDoc}】` : '', r.category].join('');
      if (label) lines.push({ kind: 'group', key: `g-${r.id}`, label });
    }
    lines.push({ kind: 'item', key: `i-${r.id}`, row: r });
  }
  return lines;
}

/** Column widths that fit a 1366-px laptop screen beside the menu. */
const WIDTHS: Record<string, number> = { seq: 48, problem: 220, requirement: 160, measures: 160, units: 130, due: 108, progress: 150, state: 100 };

const text = (s: string) =>
  s ? <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{s}</div> : <Typography.Text type="secondary">—</Typography.Text>;

/** 问题: its first sentence (the item's title) links to the item. */
function Problem({ r }: { r: LedgerRow }) {
  const { t } = useI18n();
  const stem = r.title.endsWith('…') ? r.title.slice(0, -1) : r.title;
  const head = r.problem.startsWith(stem) ? stem : r.title;
  const rest = r.problem.startsWith(stem) ? r.problem.slice(stem.length) : r.problem.slice(r.title.length);
  return (
    <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="ledger-problem">
      <Tooltip title={t('ledger.openMatter')} mouseEnterDelay={0.6}>
        <Link to={`/matters/${r.id}`} data-testid="ledger-problem-link">
          {head}
        </Link>
      </Tooltip>
      {rest}
    </div>
  );
}

function Units({ r }: { r: LedgerRow }) {
  const { t, lang } = useI18n();
  if (!r.leadUnit) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ wordBreak: 'break-word' }}>
      <div>{r.leadUnit}</div>
      {r.assistUnits.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ledger.assist', { units: r.assistUnits.join(lang === 'zh' ? '、' : ', ') })}
        </Typography.Text>
      )}
    </div>
  );
}

/** 整改时限, the original one struck through when it was moved, and the time left or how it ended. */
function Due({ r }: { r: LedgerRow }) {
  const { t } = useI18n();
  if (!r.dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.6 }}>
      <span data-testid="ledger-due">{r.dueOn}</span>
      {r.baseline && (
        <Tooltip title={t('ledger.baselineHint', { day: r.baseline })}>
          <Typography.Text delete type="secondary" style={{ fontSize: 12 }} data-testid="ledger-baseline">
            {r.baseline}
          </Typography.Text>
        </Tooltip>
      )}
      {r.closed ? (
        r.closedOnTime === false ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('ledger.closedLate')}
          </Typography.Text>
        ) : (
          <Typography.Text type="success" style={{ fontSize: 12 }}>
            {r.closedOn ? t('ledger.closedOn', { day: r.closedOn }) : t('ledger.stateClosed')}
          </Typography.Text>
        )
      ) : (
        (r.state === 'assigned' || r.state === 'in_progress') && (
          <span style={{ fontSize: 12 }}>
            <DaysLeft due={r.dueOn} />
          </span>
        )
      )}
    </div>
  );
}

function State({ r }: { r: LedgerRow }) {
  const { t, l } = useI18n();
  if (r.closed) {
    return (
      <Tag color="success" data-testid="ledger-state" data-state="closed" title={l(STATE_LABELS.closed)}>
        {t('ledger.stateClosed')}
      </Tag>
    );
  }
  return (
    <Space orientation="vertical" size={2}>
      <StateTag state={r.state} testId="ledger-state" />
      {r.light !== 'none' && <LightTag light={r.light} testId="ledger-light" />}
    </Space>
  );
}

const CELLS: Record<string, (r: LedgerRow) => ReactNode> = {
  seq: (r) => r.seq,
  problem: (r) => <Problem r={r} />,
  requirement: (r) => text(r.requirement),
  measures: (r) => text(r.measures),
  units: (r) => <Units r={r} />,
  due: (r) => <Due r={r} />,
  progress: (r) => text(r.progress),
  state: (r) => <State r={r} />,
};

interface Props {
  columns: readonly LedgerColumn[];
  rows: readonly LedgerRow[];
  /** Group by source document as well (the ledger spans several). */
  byDocument: boolean;
  loading: boolean;
  pagination: TablePaginationConfig;
  empty: string;
}

export function LedgerTable({ columns, rows, byDocument, loading, pagination, empty }: Props) {
  const { lang } = useI18n();
  const lines = withGroups(rows, byDocument);
  const span = columns.length;
  const tableColumns: TableColumnsType<Line> = columns.map((c, i) => ({
    key: c.key,
    title: lang === 'zh' ? c.zh : c.en,
    width: WIDTHS[c.key] ?? 150,
    align: c.key === 'seq' ? 'center' : undefined,
    onHeaderCell: () => ({ 'data-testid': `ledger-col-${c.key}` }) as React.HTMLAttributes<HTMLElement>,
    fixed: c.key === 'state' ? 'right' : undefined,
    onCell: (line: Line) =>
      line.kind === 'group' ? { colSpan: i === 0 ? span : 0, style: { background: '#f5f7fa', textAlign: 'left' } } : { style: { verticalAlign: 'top' } },
    render: (_v: unknown, line: Line) => {
      if (line.kind === 'group') {
        return i === 0 ? (
          <Typography.Text strong data-testid="ledger-group">
            {line.label}
          </Typography.Text>
        ) : null;
      }
      return CELLS[c.key]?.(line.row) ?? null;
    },
  }));
  return (
    <Table<Line>
      data-testid="ledger-table"
      rowKey="key"
      size="small"
      bordered
      tableLayout="fixed"
      loading={loading}
      columns={tableColumns}
      dataSource={lines}
      scroll={{ x: Object.values(WIDTHS).reduce((a, b) => a + b, 0) }}
      pagination={pagination}
      onRow={(line): React.HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | number> =>
        line.kind === 'group' ? { 'data-testid': 'ledger-group-row' } : { 'data-testid': 'ledger-row', 'data-id': line.row.id }
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
