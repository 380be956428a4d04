/**
 * A major project: who and what, its light with the reasons, the plan against the baseline, the
 * months of the campaign year, the monthly reports with the steps the user may take on them,
 * the problems raised as supervised matters, the stage history and the revisions. The project
 * office edits the project and changes its stage here.
 */
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { EditOutlined, FlagOutlined, NodeIndexOutlined, WarningOutlined } from '@ant-design/icons';
import { LIGHT_RULE_LABELS, reportsMonthly } from '../../../../src/domain/projects.ts';
import type { Project, Report } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { NotFound } from '../../components/PageState.tsx';
import { RecordHeader, RecordPending } from '../../components/RecordHeader.tsx';
import { ProjectLightDot, StageTag, currentReports, mayOnProject, monthText, projectTargets, useOrg, LeadPoints, Wan, percentText, ReportStateTag } from './P1Parts.tsx';
import { BaselineTable, MonthsCard, ProjectFacts } from './P1Facts.tsx';
import { ReportFlowHint, ReportsTable } from './P1ReportsCard.tsx';
import { ProblemsTable, Revisions, StageHistory } from './P1History.tsx';
import { ReportModal } from './P1ReportModal.tsx';
import { ReportStepButtons, type ReportSides } from './P1ReportSteps.tsx';
import { ProjectFormModal } from './P1ProjectForm.tsx';
import { StageModal } from './P1StageModal.tsx';
import { ProblemModal } from './P1ProblemModal.tsx';

type Dialog = { kind: 'report'; month: string; report: Report | null } | { kind: 'edit' } | { kind: 'stage' } | { kind: 'problem' };

export default function ProjectPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { subject } = useMe();
  const { t, l, lang } = useI18n();
  const { units, leaders, unitById } = useOrg();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  /** The project as the last change returned it (newer than the last load). */
  const [fresh, setFresh] = useState<Project | null>(null);

  const { data, loading, error, reload } = useRemote(() => api.project(id), [id]);
  const settings = useRemote(() => api.projectSettings(), []);
  const project = fresh && fresh.id === id && (!data || fresh.version > data.version) ? fresh : data;

  const targets = useMemo(() => (project ? projectTargets(project, unitById) : []), [project, unitById]);
  const sides: ReportSides = {
    report: mayOnProject(subject, 'project.report', targets),
    confirm: mayOnProject(subject, 'project.confirm', targets),
    review: mayOnProject(subject, 'project.review', targets),
  };
  const mayManage = mayOnProject(subject, 'project.manage', targets);
  const mayProblem = mayOnProject(subject, 'project.problem', targets);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (!project) return <RecordPending error={error} onRetry={reload} />;

  const refresh = () => {
    setFresh(null);
    reload();
  };
  const saved = (p: Project) => {
    setDialog(null);
    setFresh(p);
    reload();
  };
  // The month the figures are for: the report month for the running campaign, else its December.
  const s = settings.data;
  const month = s ? (s.campaignYear === project.campaignYear ? s.reportMonth : `${project.campaignYear}-12`) : null;
  const thisMonth = month ? currentReports(project.reports).get(month) ?? null : null;
  const reportable = project.stage !== 'pipeline';

  return (
    <div data-testid="page-project" data-project-id={project.id}>
      <RecordHeader
        back={{ to: '/projects', label: t('project.back'), testId: 'project-back' }}
        code={project.code}
        codeTestId="project-code"
        tags={
          <>
            <ProjectLightDot light={project.light} reasons={project.lightReasons} testId="project-light" />
            <StageTag stage={project.stage} testId="project-stage" />
            {!project.active && <Typography.Text type="secondary">{t('project.inactive')}</Typography.Text>}
          </>
        }
        title={project.name}
        titleTestId="project-name"
        subtitle={
          <Typography.Text type="secondary" data-testid="project-owners">
            {t('project.owners', { unit: project.unitName, dept: project.deptName ?? '—', leader: project.leaderName ?? '—' })}
          </Typography.Text>
        }
        actions={
          <>
            {mayManage && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })} data-testid="project-edit">
                  {t('common.edit')}
                </Button>
                <Button icon={<NodeIndexOutlined />} onClick={() => setDialog({ kind: 'stage' })} data-testid="project-stage-change">
                  {t('project.stageChange.button')}
                </Button>
              </>
            )}
            {mayProblem && (
              <Button icon={<FlagOutlined />} onClick={() => setDialog({ kind: 'problem' })} data-testid="project-problem-add">
                {t('project.problem.add')}
              </Button>
            )}
          </>
        }
        onRefresh={refresh}
        loading={loading}
      />

      {project.lightReasons.length > 0 && (
        <Alert
          type={project.light === 'red' ? 'error' : 'warning'}
          icon={<WarningOutlined />}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="project-light-reasons"
          title={
            <ul className="ls-reasons">
              {project.lightReasons.map((r, i) => (
                <li key={i} data-testid="project-light-reason" data-rule={r.rule} data-light={r.light}>
                  <ProjectLightDot light={r.light} /> <Typography.Text strong>{l(LIGHT_RULE_LABELS[r.rule])}</Typography.Text>
                  {lang === 'zh' ? '：' : ': '}
                  {lang === 'zh' ? r.zh : r.en}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Card size="small" className="ls-action-bar" data-testid="project-month-bar">
        <Space wrap size={[16, 8]}>
          {month && (
            <Typography.Text strong data-testid="project-figures-month" data-month={month}>
              {t('project.detail.asOf', { month: monthText(month, lang) })}
            </Typography.Text>
          )}
          <span>
            <Typography.Text type="secondary">{t('project.completedWan')} </Typography.Text>
            <Wan yuan={project.completedYuan} testId="project-completed" />
          </span>
          <span>
            <Typography.Text type="secondary">{t('project.completion')} </Typography.Text>
            {percentText(project.completionPercent)}
          </span>
          <span>
            <Typography.Text type="secondary">{t('project.lead')} </Typography.Text>
            <LeadPoints points={project.leadPoints} />
          </span>
          {month && reportable && (
            <Space size={6}>
              <Typography.Text type="secondary">{t('project.detail.thisReport')}</Typography.Text>
              <ReportStateTag state={thisMonth?.state ?? null} testId="project-month-report-state" />
              <ReportStepButtons
                size="middle"
                target={{ projectId: project.id, month, state: thisMonth?.state ?? null, version: thisMonth?.version ?? null }}
                sides={sides}
                fillTestId="project-report-fill"
                onFill={() => setDialog({ kind: 'report', month, report: thisMonth })}
                onChanged={refresh}
              />
            </Space>
          )}
          {month && !reportable && <Typography.Text type="secondary">{t('project.detail.noReports')}</Typography.Text>}
          {month && reportable && !reportsMonthly(project.stage) && !thisMonth && (
            <Typography.Text type="secondary">{t('project.detail.reportOptional')}</Typography.Text>
          )}
        </Space>
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xxl={14}>
          <Card size="small" title={t('project.detail.facts')}>
            <ProjectFacts project={project} />
          </Card>
          <Card size="small" title={t('project.baseline.title')} style={{ marginTop: 12 }}>
            <BaselineTable project={project} />
          </Card>
          <Card size="small" title={t('project.reports.title')} extra={<ReportFlowHint />} style={{ marginTop: 12 }}>
            <ReportsTable project={project} sides={sides} onFill={(m, r) => setDialog({ kind: 'report', month: m, report: r })} onChanged={refresh} />
          </Card>
          <Card
            size="small"
            title={t('project.problem.list', { n: project.openProblems })}
            style={{ marginTop: 12 }}
            extra={
              mayProblem && (
                <Button size="small" icon={<FlagOutlined />} onClick={() => setDialog({ kind: 'problem' })}>
                  {t('project.problem.add')}
                </Button>
              )
            }
          >
            <ProblemsTable problems={project.problems} />
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          <MonthsCard project={project} month={month} />
          <Card size="small" title={t('project.stages.title')} style={{ marginTop: 12 }}>
            <StageHistory stages={project.stages} />
          </Card>
          <Card size="small" title={t('project.revisions.title')} style={{ marginTop: 12 }}>
            <Revisions revisions={project.revisions} unitById={unitById} leaders={leaders} />
          </Card>
        </Col>
      </Row>

      {dialog?.kind === 'report' && (
        <ReportModal
          projectId={project.id}
          label={`${project.code} ${project.name}`}
          month={dialog.month}
          report={dialog.report}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <ProjectFormModal
          project={project}
          units={units}
          leaders={leaders}
          campaignYear={project.campaignYear}
          onClose={() => setDialog(null)}
          onSaved={saved}
          onStale={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'stage' && <StageModal project={project} onClose={() => setDialog(null)} onSaved={saved} onStale={refresh} />}
      {dialog?.kind === 'problem' && <ProblemModal project={project} units={units} onClose={() => setDialog(null)} onSaved={saved} />}
    </div>
  );
}
