/**
 * 项目月报: the month's report work by box — 我的填报 for the clerks, 待确认 for the unit head, 待审核
 * for the project office, 未报/迟报 for everyone who sees projects — with the step each row needs
 * (the fill-in dialog is the project page's). The box and the month are kept in the address.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DatePicker, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ReportTask } from '../../../../src/modules/projects/schema.ts';
import { roleMay, type Role } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../util.ts';
import { usePaging } from '../../components/usePaging.ts';
import { useRemote } from '../../components/useRemote.ts';
import { PageTitle } from '../../components/PageState.tsx';
import { FilterBar } from '../../components/ListToolbar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { CountTitle, ReportStateTag, Wan, monthText } from './P1Parts.tsx';
import { ReportModal } from './P1ReportModal.tsx';
import { ReportStepButtons, type ReportSides } from './P1ReportSteps.tsx';

type Box = 'mine' | 'confirm' | 'review' | 'missing';

const BOX_LABELS: Record<Box, MsgKey> = {
  mine: 'project.reports.box.mine',
  confirm: 'project.reports.box.confirm',
  review: 'project.reports.box.review',
  missing: 'project.reports.box.missing',
};
const BOX_EMPTY: Record<Box, MsgKey> = {
  mine: 'project.reports.empty.mine',
  confirm: 'project.reports.empty.confirm',
  review: 'project.reports.empty.review',
  missing: 'project.reports.empty.missing',
};

/** The boxes a role works from, its own work first. */
export function reportBoxesFor(role: Role): Box[] {
  const boxes: Box[] = [];
  if (roleMay(role, 'project.report')) boxes.push('mine');
  if (roleMay(role, 'project.confirm')) boxes.push('confirm');
  if (roleMay(role, 'project.review')) boxes.push('review');
  if (roleMay(role, 'project.read')) boxes.push('missing');
  return boxes;
}

/**
 * What a row of a box lets the user do. The server lists in each box only what the user's side
 * acts on: the clerk's projects in 我的填报, the unit's submitted reports in 待确认, the confirmed
 * ones in 待审核; in 未报 a clerk may fill in. The server checks each step again.
 */
function sidesOf(box: Box, role: Role): ReportSides {
  return {
    report: (box === 'mine' || box === 'missing') && roleMay(role, 'project.report'),
    confirm: box === 'confirm',
    review: box === 'review',
  };
}

export default function ProjectReportsPage() {
  const { me } = useMe();
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const boxes = useMemo(() => reportBoxesFor(me.role), [me.role]);
  const requested = params.get('box') as Box | null;
  const box: Box = requested && boxes.includes(requested) ? requested : (boxes[0] as Box);
  const monthParam = params.get('month');
  const month = monthParam && /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : undefined;
  const { page, pageSize, setPage, pagination } = usePaging(50, [20, 50, 100, 200]);
  const [filling, setFilling] = useState<ReportTask | null>(null);

  const list = useRemote(() => api.reportTasks({ box, month, page, pageSize }), [box, month, page, pageSize]);
  const { data, reload } = list;
  const shownMonth = data?.month ?? month;

  const setParam = (patch: Record<string, string | undefined>) => {
    // From the address itself: a second change before the first one's render must keep both.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
    setPage(1);
  };

  const sides = sidesOf(box, me.role);
  const columns: TableColumnsType<ReportTask> = [
    { title: t('project.code'), dataIndex: 'code', width: 130, render: (v: string) => <span className="ls-code">{v}</span> },
    {
      title: t('project.name'),
      dataIndex: 'name',
      width: 260,
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Tooltip title={v} placement="topLeft">
          <Link to={`/projects/${r.projectId}`} data-testid="reports-name">
            {v}
          </Link>
        </Tooltip>
      ),
    },
    { title: t('project.unit'), dataIndex: 'unitName', width: 110, ellipsis: true },
    { title: t('project.dept'), dataIndex: 'deptName', width: lang === 'zh' ? 130 : 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('project.reportState'),
      dataIndex: 'state',
      width: lang === 'zh' ? 120 : 190,
      render: (_v, r) => (
        <span>
          <ReportStateTag state={r.state} testId="reports-state" />
          {r.edition !== null && r.edition > 1 && <Typography.Text type="secondary">{t('project.report.edition', { n: r.edition })}</Typography.Text>}
        </span>
      ),
    },
    { title: t('project.reports.amount'), dataIndex: 'completedYuan', width: 120, align: 'right', render: (v: number | null) => <Wan yuan={v} testId="reports-amount" /> },
    { title: t('project.reports.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
    {
      title: t('project.reports.timeliness'),
      dataIndex: 'late',
      width: lang === 'zh' ? 100 : 110,
      render: (late: boolean, r) =>
        late ? (
          <Tag color="orange" data-testid="reports-late">
            {r.submittedAt ? t('project.reports.late') : t('project.reports.overdue')}
          </Tag>
        ) : r.submittedAt ? (
          <Tag color="success">{t('project.reports.onTime')}</Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('project.reports.returnReasonCol'),
      dataIndex: 'returnReason',
      width: 200,
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_v, r) => (
        <ReportStepButtons
          target={{ projectId: r.projectId, month: r.month, state: r.state, version: r.version }}
          sides={sides}
          onFill={() => setFilling(r)}
          onChanged={reload}
        />
      ),
    },
  ];

  return (
    <div data-testid="page-project-reports">
      <PageTitle
        title={t('project.reports.pageTitle')}
        hint={
          data ? (
            <span data-testid="reports-due" data-month={data.month}>
              {t('project.reports.due', { month: monthText(data.month, lang), due: data.dueOn })}
            </span>
          ) : (
            t('project.reports.hint')
          )
        }
      />
      <FilterBar
        top={
          <Tabs
            activeKey={box}
            onChange={(k) => setParam({ box: k === boxes[0] ? undefined : k })}
            items={boxes.map((b) => ({ key: b, label: <span data-testid={`reports-tab-${b}`}>{t(BOX_LABELS[b])}</span> }))}
            className="ls-box-tabs"
          />
        }
        onRefresh={reload}
      >
        <Typography.Text type="secondary">{t('project.reports.month')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={!!month}
          value={shownMonth ? dayjs(`${shownMonth}-01`) : null}
          onChange={(d) => setParam({ month: d ? d.format('YYYY-MM') : undefined })}
          style={{ width: 140 }}
          data-testid="reports-month"
        />
      </FilterBar>
      <PagedTable<ReportTask>
        testId="reports-table"
        rowKey="projectId"
        remote={list}
        pagination={pagination}
        title={(n) => <CountTitle total={n} testId="reports-total" />}
        columns={columns}
        scroll={{ x: 1500 }}
        onRow={(r) => ({ 'data-testid': 'reports-row', 'data-code': r.code, 'data-state': r.state ?? 'none', 'data-project': r.projectId }) as React.HTMLAttributes<HTMLElement>}
        empty={t(BOX_EMPTY[box])}
      />
      {filling && (
        <ReportModal
          projectId={filling.projectId}
          label={`${filling.code} ${filling.name}`}
          month={filling.month}
          onClose={() => setFilling(null)}
          onDone={() => {
            setFilling(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
