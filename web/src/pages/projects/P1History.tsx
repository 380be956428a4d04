/**
 * What happened to a project: the problems raised on it (each a supervised matter), its stage
 * changes, and the revisions of its fields (before → after, with the reason, who and when).
 */
import { Link } from 'react-router';
import { Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  APPROVAL_KINDS,
  APPROVAL_LABELS,
  APPROVAL_STATUS_LABELS,
  CATEGORY_LABELS,
  PROBLEM_LEVEL_LABELS,
  PROBLEM_TYPE_LABELS,
  STAGE_LABELS,
  formatWan,
  type ApprovalKind,
  type ApprovalStatus,
  type ProjectCategory,
  type ProjectStage,
} from '../../../../src/domain/projects.ts';
import { MATTER_STATES, type MatterState } from '../../../../src/domain/matters.ts';
import type { Leader, Unit } from '../../../../src/modules/org/schema.ts';
import type { Problem, Project } from '../../../../src/modules/projects/schema.ts';
import { useI18n, type MsgKey } from '../../i18n/index.tsx';
import { fmtDateTime, unitFullName } from '../../util.ts';
import { StateTag } from '../matters/parts.tsx';
import { StageTag } from './P1Parts.tsx';

export function ProblemsTable({ problems }: { problems: readonly Problem[] }) {
  const { t, l } = useI18n();
  const columns: TableColumnsType<Problem> = [
    {
      title: t('project.problem.code'),
      dataIndex: 'code',
      width: 140,
      render: (v: string, p) => (
        <Link to={`/matters/${p.matterId}`} className="ls-code" data-testid="project-problem-link">
          {v}
        </Link>
      ),
    },
    { title: t('project.problem.type'), dataIndex: 'type', width: 100, render: (v: Problem['type']) => <Tag>{l(PROBLEM_TYPE_LABELS[v])}</Tag> },
    { title: t('project.problem.level'), dataIndex: 'level', width: 130, render: (v: Problem['level']) => l(PROBLEM_LEVEL_LABELS[v]) },
    { title: t('project.problem.titleLabel'), dataIndex: 'title', ellipsis: true },
    {
      title: t('project.problem.state'),
      dataIndex: 'state',
      width: 120,
      render: (v: string) => ((MATTER_STATES as readonly string[]).includes(v) ? <StateTag state={v as MatterState} /> : v),
    },
    { title: t('project.problem.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string | null, p) => (p.closedOn ? <Typography.Text type="secondary">{v ?? '—'}</Typography.Text> : (v ?? '—')) },
    { title: t('project.problem.leadUnit'), dataIndex: 'leadUnitName', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<Problem>
      data-testid="project-problems"
      size="small"
      rowKey="matterId"
      columns={columns}
      dataSource={[...problems]}
      pagination={false}
      scroll={{ x: 760 }}
      onRow={(p) => ({ 'data-testid': 'project-problem-row', 'data-code': p.code }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('project.problem.none') }}
    />
  );
}

export function StageHistory({ stages }: { stages: Project['stages'] }) {
  const { t } = useI18n();
  if (stages.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Timeline
      data-testid="project-stages"
      items={[...stages].reverse().map((s, i) => ({
        key: i,
        content: (
          <div data-testid="project-stage-event">
            {s.fromStage ? (
              <>
                <StageTag stage={s.fromStage} /> → <StageTag stage={s.toStage} />
              </>
            ) : (
              <>
                {t('project.stages.registered')} <StageTag stage={s.toStage} />
              </>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {s.changedOn}
              {s.byName ? ` · ${s.byName}` : ''}
            </Typography.Text>
            {s.note && <Typography.Text style={{ display: 'block' }}>{s.note}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}

const FIELD_LABELS: Record<string, MsgKey> = {
  name: 'project.name',
  unitId: 'project.unit',
  deptId: 'project.dept',
  leaderId: 'project.leader',
  taskForce: 'project.taskForce',
  category: 'project.category',
  content: 'project.content',
  totalYuan: 'project.total',
  plannedYuan: 'project.planned',
  plannedStart: 'project.plannedStart',
  plannedFinish: 'project.plannedFinish',
  actualStart: 'project.actualStart',
  actualFinish: 'project.actualFinish',
  stage: 'project.stage',
  location: 'project.location',
  lng: 'project.lng',
  lat: 'project.lat',
  registered: 'project.registered',
  registeredOn: 'project.registeredOn',
  approvals: 'project.approvals',
  tags: 'project.tags',
  startDelayReason: 'project.startDelayReason',
  active: 'project.active',
};

type Revision = Project['revisions'][number];

export function Revisions({ revisions, unitById, leaders }: { revisions: Project['revisions']; unitById: ReadonlyMap<number, Unit>; leaders: readonly Leader[] }) {
  const { t, l, tx } = useI18n();
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    switch (field) {
      case 'totalYuan':
      case 'plannedYuan':
        return typeof v === 'number' ? `${formatWan(v)} ${t('project.unit.wan')}` : String(v);
      case 'unitId':
      case 'deptId': {
        const u = unitById.get(Number(v));
        return u ? unitFullName(u, unitById) : `#${String(v)}`;
      }
      case 'leaderId':
        return leaders.find((x) => x.id === Number(v))?.name ?? `#${String(v)}`;
      case 'category':
        return CATEGORY_LABELS[v as ProjectCategory] ? l(CATEGORY_LABELS[v as ProjectCategory]) : String(v);
      case 'stage':
        return STAGE_LABELS[v as ProjectStage] ? l(STAGE_LABELS[v as ProjectStage]) : String(v);
      case 'approvals': {
        const a = v as Partial<Record<ApprovalKind, { status: ApprovalStatus; date: string | null }>>;
        const parts = APPROVAL_KINDS.filter((k) => a[k]).map((k) => `${l(APPROVAL_LABELS[k])} ${l(APPROVAL_STATUS_LABELS[(a[k] as { status: ApprovalStatus }).status])}${a[k]?.date ? ` ${a[k]?.date}` : ''}`);
        return parts.length ? parts.join('；') : '—';
      }
    }
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.length ? v.join('、') : '—';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  const columns: TableColumnsType<Revision> = [
    { title: t('project.revisions.at'), dataIndex: 'at', width: 140, render: (v: string) => fmtDateTime(v) },
    { title: t('project.revisions.by'), dataIndex: 'byName', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t('project.revisions.changes'),
      key: 'changes',
      render: (_v, r) => (
        <ul className="ls-reasons">
          {Object.entries(r.changes).map(([field, [before, after]]) => (
            <li key={field} data-testid="project-revision-change" data-field={field}>
              <Typography.Text strong>{FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : tx(`project.${field}`, field)}</Typography.Text>
              {'：'}
              <span className="ls-diff-old">{value(field, before)}</span> → <span className="ls-diff-new">{value(field, after)}</span>
            </li>
          ))}
        </ul>
      ),
    },
    { title: t('project.revisions.reason'), dataIndex: 'reason', width: 200, render: (v: string) => v || '—' },
  ];
  return (
    <Table<Revision>
      data-testid="project-revisions"
      size="small"
      rowKey={(r) => `${r.at}-${r.byName ?? ''}`}
      columns={columns}
      dataSource={[...revisions].reverse()}
      pagination={revisions.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: t('project.revisions.none') }}
    />
  );
}
