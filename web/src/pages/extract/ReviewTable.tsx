/**
 * Step 2: the draft item by item. Each row's kind, text, figures, deadline, lead and cooperating
 * units can be changed, and the row accepted or rejected (one by one or the selected rows at once);
 * filters by kind, part of the report, state and missing lead unit; the counts above the table.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ItemKind, KIND_LABELS, quantityText } from '../../../../src/modules/extract/schema.ts';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { countRows, type ReviewRow, type RowStatus } from './draft.ts';
import { ContextPopover, DocumentDrawer } from './SourceText.tsx';

const KINDS = ItemKind.options;
const STATUSES: RowStatus[] = ['pending', 'accepted', 'rejected'];
const KIND_COLORS: Record<ItemKind, string> = { target: 'magenta', task: 'blue', project: 'green' };

interface Props {
  fileName: string;
  text: string;
  rows: readonly ReviewRow[];
  units: readonly Unit[];
  onChange: (ids: readonly number[], patch: (r: ReviewRow) => Partial<ReviewRow>) => void;
}

interface Filters {
  kind?: ItemKind;
  section?: string;
  status?: RowStatus;
  unassigned: boolean;
}

/** The counts line: 共 N 条，已确认 n，已剔除 m，未定牵头单位 k. */
export function ReviewCounts({ rows }: { rows: readonly ReviewRow[] }) {
  const { t } = useI18n();
  const c = countRows(rows);
  return (
    <Space size={12} wrap data-testid="extract-counts">
      <Typography.Text strong>{t('extract.counts', { total: c.total, accepted: c.accepted, rejected: c.rejected, unassigned: c.unassigned })}</Typography.Text>
      {c.pending > 0 && <Tag color="orange">{t('extract.pendingLeft', { n: c.pending })}</Tag>}
    </Space>
  );
}

export function ReviewTable({ fileName, text, rows, units, onChange }: Props) {
  const { t, l } = useI18n();
  const [filters, setFilters] = useState<Filters>({ unassigned: false });
  const [selected, setSelected] = useState<number[]>([]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [shownSpan, setShownSpan] = useState<[number, number] | null>(null);

  const sections = useMemo(() => {
    const seen = new Map<string, number>();
    for (const r of rows) if (r.section) seen.set(r.section, (seen.get(r.section) ?? 0) + 1);
    return [...seen];
  }, [rows]);

  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!filters.kind || r.kind === filters.kind) &&
          (!filters.section || r.section === filters.section) &&
          (!filters.status || r.status === filters.status) &&
          (!filters.unassigned || (r.leadUnitId === null && r.status !== 'rejected')),
      ),
    [rows, filters],
  );

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const one = (r: ReviewRow, patch: Partial<ReviewRow>) => onChange([r.id], () => patch);
  const toggle = (r: ReviewRow, status: RowStatus) => one(r, { status: r.status === status ? 'pending' : status });
  const bulk = (status: RowStatus) => {
    onChange(selected, () => ({ status }));
    setSelected([]);
  };

  const columns: TableColumnsType<ReviewRow> = [
    { key: 'seq', title: t('extract.col.seq'), width: 52, align: 'center', render: (_v, r) => r.id + 1 },
    {
      key: 'kind',
      title: t('extract.col.kind'),
      width: 88,
      render: (_v, r) => (
        <Select<ItemKind>
          size="small"
          value={r.kind}
          onChange={(kind) => one(r, { kind })}
          options={KINDS.map((k) => ({ value: k, label: <Tag color={KIND_COLORS[k]} style={{ margin: 0 }}>{l(KIND_LABELS[k])}</Tag> }))}
          variant="borderless"
          style={{ width: 76 }}
          data-testid="extract-kind"
          aria-label={t('extract.col.kind')}
        />
      ),
    },
    {
      key: 'text',
      title: t('extract.col.text'),
      width: 320,
      render: (_v, r) => {
        const index = shown.indexOf(r);
        const prev = index > 0 && index % pageSize !== 0 ? shown[index - 1] : undefined;
        return (
          <div>
            {r.section && r.section !== prev?.section && (
              <Typography.Text type="secondary" className="ls-extract-section" data-testid="extract-section">
                {r.section}
              </Typography.Text>
            )}
            <div className="ls-extract-text">
              <Typography.Paragraph
                style={{ margin: 0, flex: 1 }}
                delete={r.status === 'rejected'}
                editable={{
                  text: r.text,
                  tooltip: t('common.edit'),
                  onChange: (next) => {
                    const value = next.trim();
                    if (value && value !== r.text) one(r, { text: value });
                  },
                }}
                data-testid="extract-row-text"
              >
                {r.text}
              </Typography.Paragraph>
              <ContextPopover text={text} span={r.span} onShowAll={() => setShownSpan(r.span)} />
            </div>
            {r.text !== r.originalText && (
              <Tooltip title={r.originalText}>
                <Tag style={{ marginTop: 2 }}>{t('extract.edited')}</Tag>
              </Tooltip>
            )}
          </div>
        );
      },
    },
    {
      key: 'quantities',
      title: t('extract.col.quantities'),
      width: 130,
      render: (_v, r) =>
        r.quantities.length ? (
          <Space size={[0, 4]} wrap>
            {r.quantities.map((q, i) => (
              <Tag
                key={`${i}-${q.raw}`}
                closable
                closeIcon={<Tooltip title={t('extract.removeFigure')}><CloseOutlined /></Tooltip>}
                onClose={(e) => {
                  e.preventDefault();
                  one(r, { quantities: r.quantities.filter((_q, j) => j !== i) });
                }}
                data-testid="extract-figure"
              >
                {quantityText(q)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'deadline',
      title: t('extract.col.deadline'),
      width: 148,
      render: (_v, r) => (
        <div>
          <DatePicker
            size="small"
            value={r.deadline ? dayjs(r.deadline) : null}
            onChange={(d) => one(r, { deadline: d ? d.format('YYYY-MM-DD') : null, deadlineEdited: true })}
            placeholder={t('extract.deadlinePick')}
            style={{ width: 130 }}
            data-testid="extract-deadline"
          />
          {r.deadlineText && (
            <div className="ls-extract-hint" data-testid="extract-deadline-text">
              {r.deadline === null && !r.deadlineEdited ? (
                <Typography.Text type="danger">{t('extract.deadlineUnresolved', { text: r.deadlineText })}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('extract.deadlineWritten', { text: r.deadlineText })}</Typography.Text>
              )}
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'lead',
      title: t('extract.col.lead'),
      width: 196,
      render: (_v, r) => (
        <div data-testid="extract-lead">
          <UnitTreeSelect
            units={units}
            value={r.leadUnitId}
            onChange={(id: number | null) => one(r, { leadUnitId: id ?? null })}
            allowClear
            hideInactive
            fullLabels
            placeholder={t('extract.leadPick')}
          />
          {r.leadUnitId === null && r.leadUnmatched && r.leadSuggested ? (
            <div className="ls-extract-hint" data-testid="extract-lead-unmatched">
              <Typography.Text type="danger">{t('extract.leadUnmatched', { unit: r.leadSuggested })}</Typography.Text>
            </div>
          ) : (
            r.leadUnitId !== null &&
            r.leadUnitId === r.suggestedUnitId &&
            r.leadKeyword && (
              <div className="ls-extract-hint">
                <Typography.Text type="secondary">{t('extract.leadBy', { keyword: r.leadKeyword })}</Typography.Text>
              </div>
            )
          )}
        </div>
      ),
    },
    {
      key: 'assist',
      title: t('extract.col.assist'),
      width: 196,
      render: (_v, r) => (
        <div data-testid="extract-assist">
          <UnitTreeSelect
            units={units}
            multiple
            value={r.assistUnitIds}
            onChange={(ids: number[]) => one(r, { assistUnitIds: ids ?? [] })}
            allowClear
            hideInactive
            fullLabels
            placeholder={t('extract.assistPick')}
          />
        </div>
      ),
    },
    {
      key: 'note',
      title: t('extract.col.note'),
      width: 128,
      render: (_v, r) => (
        <Input.TextArea
          size="small"
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={r.note}
          maxLength={1000}
          onChange={(e) => one(r, { note: e.target.value })}
          placeholder={t('extract.col.note')}
          data-testid="extract-note"
        />
      ),
    },
    {
      key: 'status',
      title: t('extract.col.status'),
      width: 160,
      fixed: 'right',
      render: (_v, r) => (
        <Space size={4} orientation="vertical">
          <Space size={4}>
            <Tooltip title={r.status === 'accepted' ? t('extract.undo') : undefined}>
              <Button
                size="small"
                type={r.status === 'accepted' ? 'primary' : 'default'}
                icon={<CheckOutlined />}
                onClick={() => toggle(r, 'accepted')}
                aria-pressed={r.status === 'accepted'}
                data-testid="extract-accept"
              >
                {t('extract.accept')}
              </Button>
            </Tooltip>
            <Tooltip title={r.status === 'rejected' ? t('extract.undo') : undefined}>
              <Button
                size="small"
                danger={r.status === 'rejected'}
                type={r.status === 'rejected' ? 'primary' : 'default'}
                icon={<CloseOutlined />}
                onClick={() => toggle(r, 'rejected')}
                aria-pressed={r.status === 'rejected'}
                data-testid="extract-reject"
              >
                {t('extract.reject')}
              </Button>
            </Tooltip>
          </Space>
          <Typography.Text type={r.status === 'rejected' ? 'danger' : r.status === 'accepted' ? 'success' : 'warning'} style={{ fontSize: 12 }} data-testid="extract-status">
            {t(`extract.status.${r.status}`)}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  const width = columns.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 0), 0) + 40;

  return (
    <div data-testid="extract-review">
      <Card size="small" className="ls-filter-card">
        <Space wrap size={[12, 8]}>
          <Select<ItemKind>
            allowClear
            placeholder={t('extract.filterKind')}
            value={filters.kind}
            onChange={(kind) => setFilter({ kind })}
            options={KINDS.map((k) => ({ value: k, label: `${l(KIND_LABELS[k])}（${rows.filter((r) => r.kind === k).length}）` }))}
            style={{ width: 140 }}
            data-testid="extract-filter-kind"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('extract.filterSection')}
            value={filters.section}
            onChange={(section) => setFilter({ section })}
            options={sections.map(([s, n]) => ({ value: s, label: `${s}（${n}）` }))}
            style={{ width: 300 }}
            popupMatchSelectWidth={false}
            data-testid="extract-filter-section"
          />
          <Select<RowStatus>
            allowClear
            placeholder={t('extract.filterStatus')}
            value={filters.status}
            onChange={(status) => setFilter({ status })}
            options={STATUSES.map((s) => ({ value: s, label: t(`extract.status.${s}`) }))}
            style={{ width: 130 }}
            data-testid="extract-filter-status"
          />
          <Checkbox checked={filters.unassigned} onChange={(e) => setFilter({ unassigned: e.target.checked })} data-testid="extract-filter-unassigned">
            {t('extract.onlyUnassigned')}
          </Checkbox>
        </Space>
      </Card>
      <Space wrap style={{ margin: '12px 0 8px', width: '100%', justifyContent: 'space-between' }}>
        <ReviewCounts rows={rows} />
        <Space wrap>
          {selected.length > 0 && <Typography.Text type="secondary">{t('extract.selected', { n: selected.length })}</Typography.Text>}
          <Button icon={<CheckOutlined />} disabled={!selected.length} onClick={() => bulk('accepted')} data-testid="extract-bulk-accept">
            {t('extract.acceptSelected', { n: selected.length })}
          </Button>
          <Button danger icon={<CloseOutlined />} disabled={!selected.length} onClick={() => bulk('rejected')} data-testid="extract-bulk-reject">
            {t('extract.rejectSelected', { n: selected.length })}
          </Button>
        </Space>
      </Space>
      <Table<ReviewRow>
        data-testid="extract-table"
        rowKey="id"
        size="small"
        bordered
        tableLayout="fixed"
        columns={columns}
        dataSource={shown}
        scroll={{ x: width }}
        sticky={{ offsetHeader: 56 }}
        rowClassName={(r) => `ls-extract-${r.status}`}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          preserveSelectedRowKeys: true,
          selections: [Table.SELECTION_ALL, Table.SELECTION_INVERT, Table.SELECTION_NONE],
          columnWidth: 40,
        }}
        pagination={{
          current: page,
          pageSize,
          pageSizeOptions: [20, 50, 100],
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
        }}
        onRow={(r): React.HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | number> => ({ 'data-testid': 'extract-row', 'data-id': r.id, 'data-status': r.status })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('extract.emptyFiltered')} /> }}
      />
      <DocumentDrawer open={shownSpan !== null} fileName={fileName} text={text} span={shownSpan} onClose={() => setShownSpan(null)} />
    </div>
  );
}
