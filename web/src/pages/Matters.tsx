import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Badge, Button, Space, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { BOXES, LIGHTS, type Box, type MatterSummary } from '../../../src/modules/matters/schema.ts';
import { MATTER_SOURCES, MATTER_STATES, SOURCE_LABELS, STATE_LABELS, isOpen, type MatterSource, type MatterState, type Light } from '../../../src/domain/matters.ts';
import { roleMay, type Role } from '../../../src/platform/policies.ts';
import type { Unit } from '../../../src/modules/org/schema.ts';
import { api, type InboxCounts } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { unitFullName } from '../util.ts';
import { usePaging } from '../components/usePaging.ts';
import { useRemote } from '../components/useRemote.ts';
import { PageTitle } from '../components/PageState.tsx';
import { FilterBar, FilterSelect, ResetButton, SearchInput } from '../components/ListToolbar.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import { DueCell, LightTag, SourceTag, StateTag } from './matters/parts.tsx';

const BOX_LABELS: Record<Box, MsgKey> = {
  to_assign: 'matters.box.to_assign',
  to_sign: 'matters.box.to_sign',
  to_report: 'matters.box.to_report',
  to_review: 'matters.box.to_review',
  to_rate: 'matters.box.to_rate',
  due_soon: 'matters.box.due_soon',
  overdue: 'matters.box.overdue',
  all: 'matters.box.all',
};

const BOX_EMPTY: Record<Box, MsgKey> = {
  to_assign: 'matters.empty.to_assign',
  to_sign: 'matters.empty.to_sign',
  to_report: 'matters.empty.to_report',
  to_review: 'matters.empty.to_review',
  to_rate: 'matters.empty.to_rate',
  due_soon: 'matters.empty.due_soon',
  overdue: 'matters.empty.overdue',
  all: 'matters.empty.all',
};

/** The boxes a role works from, its own work first; everyone has the deadline boxes and "all". */
export function boxesFor(role: Role): Box[] {
  const boxes: Box[] = [];
  if (roleMay(role, 'matter.handle')) boxes.push('to_sign', 'to_report');
  if (roleMay(role, 'matter.review')) boxes.push('to_assign', 'to_review');
  if (roleMay(role, 'matter.rate')) boxes.push('to_rate');
  boxes.push('due_soon', 'overdue', 'all');
  return boxes;
}

interface Filters {
  source?: MatterSource;
  state?: MatterState;
  light?: Light;
  q?: string;
}

const isBox = (v: string | null): v is Box => v !== null && (BOXES as readonly string[]).includes(v);

export default function MattersPage() {
  const { me } = useMe();
  const { t, l, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const boxes = useMemo(() => boxesFor(me.role), [me.role]);
  const requested = params.get('box');
  const box: Box = isBox(requested) && boxes.includes(requested) ? requested : (boxes[0] as Box);

  const [filters, setFilters] = useState<Filters>({});
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging(20, [10, 20, 50, 100]);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
  }, []);

  const list = useRemote(() => api.matters({ box, ...filters, page, pageSize }), [box, filters, page, pageSize]);
  const { loading, reload } = list;

  // The badges follow the list: re-read after every load of it.
  useEffect(() => {
    if (loading) return;
    let cancelled = false;
    api.matterInbox().then(
      (r) => {
        if (!cancelled) setCounts(r.counts);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [loading]);

  const setBox = (next: Box) => {
    setParams(next === boxes[0] ? {} : { box: next }, { replace: true });
    setPage(1);
  };
  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const filtered = !!(filters.source || filters.state || filters.light || filters.q);

  const columns: TableColumnsType<MatterSummary> = [
    {
      title: t('matter.code'),
      dataIndex: 'code',
      width: 130,
      render: (v: string) => <span className="ls-code">{v}</span>,
    },
    {
      title: t('matter.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, m) => (
        <Space size={4}>
          <Link to={`/matters/${m.id}`} onClick={(e) => e.stopPropagation()}>
            {v}
          </Link>
          {m.major && <Tag color="red">{t('matter.major')}</Tag>}
          {m.confidential && <Tag>{t('matter.confidential')}</Tag>}
        </Space>
      ),
    },
    { title: t('matter.source'), dataIndex: 'source', width: lang === 'zh' ? 120 : 170, render: (s: MatterSource) => <SourceTag source={s} /> },
    {
      title: t('matter.leadUnit'),
      dataIndex: 'leadUnitName',
      width: 160,
      ellipsis: true,
      render: (v: string | null, m) => {
        if (v === null || m.leadUnitId === null) return <Typography.Text type="secondary">{t('matter.notAssigned')}</Typography.Text>;
        const u = unitById.get(m.leadUnitId);
        return u ? unitFullName(u, unitById) : v;
      },
    },
    { title: t('matter.state'), dataIndex: 'state', width: lang === 'zh' ? 120 : 180, render: (s: MatterState) => <StateTag state={s} /> },
    {
      title: t('matter.light'),
      dataIndex: 'light',
      width: 90,
      // Only an open matter runs against its deadlines.
      render: (v: Light, m) => (isOpen(m.state) ? <LightTag light={v} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('matter.dueOn'),
      dataIndex: 'dueOn',
      width: 170,
      render: (_v, m) => <DueCell dueOn={m.dueOn} state={m.state} closedOn={m.closedOn} closedOnTime={m.closedOnTime} />,
    },
  ];

  const sourceOptions = MATTER_SOURCES.map((s) => ({ value: s, label: l(SOURCE_LABELS[s]) }));
  const stateOptions = MATTER_STATES.map((s) => ({ value: s, label: l(STATE_LABELS[s]) }));
  const lightOptions = LIGHTS.map((x) => ({ value: x, label: <LightTag light={x} /> }));

  const tabLabel = (b: Box) => {
    const n = counts?.[b] ?? 0;
    const alert = b === 'overdue' ? '#f5222d' : b === 'due_soon' ? '#1677ff' : undefined;
    return (
      <span data-testid={`box-${b}`} className="ls-box-tab">
        {t(BOX_LABELS[b])}
        {b !== 'all' && <Badge count={n} size="small" color={alert} style={{ marginLeft: 6 }} data-testid={`box-count-${b}`} />}
      </span>
    );
  };

  return (
    <div data-testid="page-matters">
      <PageTitle
        title={t('matters.title')}
        hint={t('matters.hint')}
        extra={
          <Space>
            {roleMay(me.role, 'matter.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/matters/new')} data-testid="matter-create">
                {t('matters.create')}
              </Button>
            )}
            {roleMay(me.role, 'matter.file') && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/matters/suggest')} data-testid="matter-suggest">
                {t('matters.suggest')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar
        top={<Tabs activeKey={box} onChange={(k) => setBox(k as Box)} items={boxes.map((b) => ({ key: b, label: tabLabel(b) }))} className="ls-box-tabs" />}
        onRefresh={reload}
      >
        <FilterSelect<MatterSource> placeholder={t('matters.filterSource')} width={170} value={filters.source} onChange={(source) => setFilter({ source })} options={sourceOptions} testId="matters-filter-source" />
        <FilterSelect<MatterState> placeholder={t('matters.filterState')} width={170} value={filters.state} onChange={(state) => setFilter({ state })} options={stateOptions} testId="matters-filter-state" />
        <FilterSelect<Light> placeholder={t('matters.filterLight')} width={130} value={filters.light} onChange={(light) => setFilter({ light })} options={lightOptions} testId="matters-filter-light" />
        <SearchInput
          placeholder={t('matters.searchPlaceholder')}
          width={260}
          maxLength={50}
          value={qInput}
          onValueChange={setQInput}
          onQuery={(q) => setFilter({ q })}
          testId="matters-search"
        />
        <ResetButton
          onClick={() => {
            setFilters({});
            setQInput('');
            setPage(1);
          }}
          disabled={!filtered}
        />
      </FilterBar>
      <PagedTable<MatterSummary>
        testId="matters-table"
        rowKey="id"
        remote={list}
        pagination={pagination}
        columns={columns}
        scroll={{ x: 1000 }}
        onRow={(m) => ({ onClick: () => navigate(`/matters/${m.id}`), className: 'ls-row-link', 'data-code': m.code }) as React.HTMLAttributes<HTMLElement>}
        empty={filtered ? t('matters.emptyFiltered') : t(BOX_EMPTY[box])}
      />
    </div>
  );
}
