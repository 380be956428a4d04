/**
 * 重点项目: the campaign's projects for a month, filtered (kept in the address so a view can be
 * shared, bookmarked or saved under a name), sorted and paged by the server; exported to .xlsx;
 * registered one by one or imported from a county's sheet by the project office.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Checkbox, DatePicker, Space, Tooltip } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CATEGORY_LABELS,
  PROJECT_CATEGORIES,
  PROJECT_LIGHT_LABELS,
  PROJECT_STAGES,
  REPORT_STATES,
  REPORT_STATE_LABELS,
  STAGE_LABELS,
  monthNumber,
  type ProjectCategory,
  type ProjectStage,
} from '../../../../src/domain/projects.ts';
import { PROJECT_LIGHTS, SORTS, type ListProjectsQuery, type ProjectSummary } from '../../../../src/modules/projects/schema.ts';
import { roleMay } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { sortUnits } from '../../util.ts';
import { usePaging } from '../../components/usePaging.ts';
import { useRemote } from '../../components/useRemote.ts';
import { PageTitle } from '../../components/PageState.tsx';
import { FilterBar, FilterSelect, ResetButton, SearchInput } from '../../components/ListToolbar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { CategoryTag, CountTitle, LeadPoints, ProjectLightDot, ReportStateTag, StageTag, Wan, isProjectUnit, monthText, percentText, useOrg } from './P1Parts.tsx';
import { ProjectFormModal } from './P1ProjectForm.tsx';
import { ProjectImportModal } from './P1ImportModal.tsx';
import { SavedViews } from './P1SavedViews.tsx';

type Filters = Omit<Partial<ListProjectsQuery>, 'page' | 'pageSize'>;
type Sort = ListProjectsQuery['sort'];

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);
function positive(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The list's filters as the address has them (anything malformed is left out). */
function readFilters(p: URLSearchParams): Filters {
  const month = p.get('month');
  const lagging = Number(p.get('lagging'));
  const year = positive(p.get('year'));
  return {
    year: year && year >= 1990 && year <= 2100 ? year : undefined,
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined,
    unitId: positive(p.get('unitId')),
    category: oneOf(PROJECT_CATEGORIES, p.get('category')),
    stage: oneOf(PROJECT_STAGES, p.get('stage')),
    light: oneOf(PROJECT_LIGHTS, p.get('light')),
    registered: oneOf(['yes', 'no'] as const, p.get('registered')),
    lagging: p.get('lagging') && Number.isFinite(lagging) && lagging >= 0 && lagging <= 100 ? lagging : undefined,
    reportState: oneOf([...REPORT_STATES, 'missing'] as const, p.get('reportState')),
    q: p.get('q')?.trim().slice(0, 50) || undefined,
    sort: oneOf(SORTS, p.get('sort')),
    order: oneOf(['asc', 'desc'] as const, p.get('order')),
  };
}

/** The lag that the 落后 filter stands for (the yellow light's threshold). */
const LAGGING_POINTS = 10;

export default function ProjectsPage() {
  const { me } = useMe();
  const { t, l, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(query)), [query]);
  const { page, pageSize, setPage, pagination } = usePaging(20, [10, 20, 50, 100, 200]);
  const { units, leaders } = useOrg();
  const [qInput, setQInput] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayManage = roleMay(me.role, 'project.manage');

  useEffect(() => setQInput(filters.q ?? ''), [filters.q]);

  const list = useRemote(() => api.projects({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const { data, reload } = list;

  const setFilter = (patch: Record<string, string | number | undefined>) => {
    // From the address itself: a second change before the first one's render must keep both.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
    setPage(1);
  };
  const applyView = (q: string) => {
    setParams(new URLSearchParams(q), { replace: true });
    setPage(1);
  };

  const filtered = ['year', 'month', 'unitId', 'category', 'stage', 'light', 'registered', 'lagging', 'reportState', 'q'].some((k) => params.has(k));
  const counties = useMemo(() => sortUnits(units.filter((u) => isProjectUnit(u) && u.active)), [units]);
  const sort: Sort = filters.sort ?? 'code';
  const order = filters.order ?? 'asc';
  const sortOrder = (key: Sort) => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null);
  const month = data?.month ?? filters.month;
  const { sort: _s, order: _o, ...exportFilters } = filters;

  const columns: TableColumnsType<ProjectSummary> = [
    { title: t('project.code'), dataIndex: 'code', key: 'code', width: 130, fixed: 'left', sorter: true, sortOrder: sortOrder('code'), render: (v: string) => <span className="ls-code">{v}</span> },
    {
      title: t('project.name'),
      dataIndex: 'name',
      key: 'name',
      width: 260,
      ellipsis: { showTitle: false },
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, p) => (
        <Tooltip title={v} placement="topLeft">
          <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid="projects-name">
            {v}
          </Link>
        </Tooltip>
      ),
    },
    { title: t('project.unit'), dataIndex: 'unitName', width: 110, ellipsis: true },
    { title: t('project.dept'), dataIndex: 'deptName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('project.leader'), dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('project.category'), dataIndex: 'category', width: lang === 'zh' ? 100 : 150, render: (c: ProjectCategory) => <CategoryTag category={c} /> },
    { title: t('project.stage'), dataIndex: 'stage', width: lang === 'zh' ? 96 : 120, render: (s: ProjectStage) => <StageTag stage={s} /> },
    { title: t('project.totalWan'), dataIndex: 'totalYuan', key: 'total', width: 130, align: 'right', sorter: true, sortOrder: sortOrder('total'), render: (v: number) => <Wan yuan={v} /> },
    { title: t('project.plannedWan'), dataIndex: 'plannedYuan', key: 'planned', width: 130, align: 'right', sorter: true, sortOrder: sortOrder('planned'), render: (v: number) => <Wan yuan={v} /> },
    { title: t('project.completedWan'), dataIndex: 'completedYuan', key: 'completed', width: 130, align: 'right', sorter: true, sortOrder: sortOrder('completed'), render: (v: number) => <Wan yuan={v} /> },
    { title: t('project.completion'), dataIndex: 'completionPercent', key: 'completion', width: 100, align: 'right', sorter: true, sortOrder: sortOrder('completion'), render: (v: number | null) => percentText(v) },
    { title: t('project.lead'), dataIndex: 'leadPoints', key: 'lead', width: 110, align: 'right', sorter: true, sortOrder: sortOrder('lead'), render: (v: number | null) => <LeadPoints points={v} /> },
    {
      title: t('project.light'),
      dataIndex: 'light',
      key: 'light',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('light'),
      render: (_v, p) => <ProjectLightDot light={p.light} reasons={p.lightReasons} testId="projects-light" />,
    },
    { title: t('project.reportState'), dataIndex: 'reportState', width: lang === 'zh' ? 120 : 190, render: (_v, p) => <ReportStateTag state={p.reportState} /> },
  ];

  const unitOptions = counties.map((u) => ({ value: u.id, label: u.name }));
  const categoryOptions = PROJECT_CATEGORIES.map((c) => ({ value: c, label: l(CATEGORY_LABELS[c]) }));
  const stageOptions = PROJECT_STAGES.map((s) => ({ value: s, label: l(STAGE_LABELS[s]) }));
  const lightOptions = PROJECT_LIGHTS.map((x) => ({ value: x, label: <ProjectLightDot light={x} />, title: l(PROJECT_LIGHT_LABELS[x]) }));
  const registeredOptions = [
    { value: 'yes' as const, label: t('project.registeredYes') },
    { value: 'no' as const, label: t('project.registeredNo') },
  ];
  const reportOptions = [...REPORT_STATES.map((s) => ({ value: s, label: l(REPORT_STATE_LABELS[s]) })), { value: 'missing' as const, label: t('project.filter.missing') }];

  const onTableChange: TableProps<ProjectSummary>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as Sort | undefined;
    if (!sorter.order || !key) setFilter({ sort: undefined, order: undefined });
    else setFilter({ sort: key, order: sorter.order === 'descend' ? 'desc' : 'asc' });
  };

  return (
    <div data-testid="page-projects">
      <PageTitle
        title={t('project.list.title')}
        hint={
          month ? (
            <span data-testid="projects-month" data-month={month}>
              {t('project.list.asOf', { month: monthText(month, lang), m: monthNumber(month) })}
            </span>
          ) : (
            t('project.list.hint')
          )
        }
        extra={
          <Space wrap>
            <SavedViews query={query} onApply={applyView} />
            <Tooltip title={t('project.exportHint')}>
              <Button icon={<FileExcelOutlined />} href={api.projectsXlsxUrl(exportFilters)} disabled={!data || data.total === 0} data-testid="projects-export">
                {t('project.export')}
              </Button>
            </Tooltip>
            {mayManage && (
              <>
                <Button icon={<DownloadOutlined />} href={api.projectTemplateUrl} data-testid="projects-template">
                  {t('project.template')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="projects-import">
                  {t('project.import.button')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
                  {t('project.create')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <FilterBar onRefresh={reload}>
        <DatePicker
          picker="month"
          allowClear
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setFilter({ month: d ? d.format('YYYY-MM') : undefined, year: undefined })}
          placeholder={t('project.filter.month')}
          style={{ width: 140 }}
          data-testid="projects-filter-month"
        />
        <FilterSelect<number> search placeholder={t('project.filter.unit')} width={170} value={filters.unitId} onChange={(unitId) => setFilter({ unitId })} options={unitOptions} testId="projects-filter-unit" />
        <FilterSelect<ProjectCategory>
          placeholder={t('project.filter.category')}
          width={140}
          value={filters.category}
          onChange={(category) => setFilter({ category })}
          options={categoryOptions}
          testId="projects-filter-category"
        />
        <FilterSelect<ProjectStage> placeholder={t('project.filter.stage')} width={130} value={filters.stage} onChange={(stage) => setFilter({ stage })} options={stageOptions} testId="projects-filter-stage" />
        <FilterSelect placeholder={t('project.filter.light')} width={120} value={filters.light} onChange={(light) => setFilter({ light })} options={lightOptions} testId="projects-filter-light" />
        <FilterSelect
          placeholder={t('project.filter.registered')}
          width={120}
          value={filters.registered}
          onChange={(registered) => setFilter({ registered })}
          options={registeredOptions}
          testId="projects-filter-registered"
        />
        <FilterSelect
          placeholder={t('project.filter.reportState')}
          width={160}
          value={filters.reportState}
          onChange={(reportState) => setFilter({ reportState })}
          options={reportOptions}
          testId="projects-filter-report"
        />
        <Checkbox
          checked={filters.lagging !== undefined}
          onChange={(e) => setFilter({ lagging: e.target.checked ? LAGGING_POINTS : undefined })}
          data-testid="projects-filter-lagging"
        >
          {t('project.filter.lagging', { n: filters.lagging ?? LAGGING_POINTS })}
        </Checkbox>
        <SearchInput
          placeholder={t('project.filter.search')}
          width={240}
          maxLength={50}
          value={qInput}
          onValueChange={setQInput}
          onQuery={(q) => setFilter({ q })}
          testId="projects-search"
        />
        <ResetButton
          onClick={() => applyView(new URLSearchParams([...params].filter(([k]) => k === 'sort' || k === 'order')).toString())}
          disabled={!filtered}
          testId="projects-reset"
        />
      </FilterBar>
      <PagedTable<ProjectSummary>
        testId="projects-table"
        rowKey="id"
        remote={list}
        pagination={pagination}
        title={(n) => <CountTitle total={n} testId="projects-total" />}
        columns={columns}
        scroll={{ x: 1700 }}
        onChange={onTableChange}
        onRow={(p) =>
          ({
            onClick: () => navigate(`/projects/${p.id}`),
            className: 'ls-row-link',
            'data-testid': 'projects-row',
            'data-id': p.id,
            'data-code': p.code,
            'data-unit': p.unitName,
            'data-light': p.light,
          }) as React.HTMLAttributes<HTMLElement>
        }
        empty={filtered ? t('project.list.emptyFiltered') : t('project.list.empty')}
      />
      {creating && (
        <ProjectFormModal
          units={units}
          leaders={leaders}
          campaignYear={data?.year ?? new Date().getFullYear()}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            navigate(`/projects/${p.id}`);
          }}
        />
      )}
      {importing && <ProjectImportModal onClose={() => setImporting(false)} onImported={reload} />}
    </div>
  );
}
