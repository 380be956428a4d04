import { actorOf, authorize, authorizeAny, requireUser, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { cityTarget } from '../org/service.ts';
import { contentDisposition } from '../files/names.ts';
import { missingFile, readMultipart } from '../../platform/http/multipart.ts';
import { annexFile, bulletinFile } from './bulletin.ts';
import { importProjects } from './import.ts';
import { projectTemplate } from './template.ts';
import { XLSX_TYPE, projectsXlsx } from './xlsx.ts';
import {
  CorrectReportBody,
  CreateProblemBody,
  CreateProjectBody,
  Dashboard,
  FiguresQuery,
  ImportQuery,
  ImportResult,
  ListProjectsQuery,
  Project,
  ProjectIdParams,
  ProjectList,
  ProjectSettings,
  Rankings,
  RankingsQuery,
  Report,
  ReportActionBody,
  ReportParams,
  ReportTaskList,
  ReportTasksQuery,
  SaveReportBody,
  StageBody,
  UpdateProjectBody,
  UpdateSettingsBody,
} from './schema.ts';
import * as service from './service.ts';
import { dayInChina } from '../../domain/matters.ts';

export function projectRoutes(app: App, ctx: AppContext): void {
  const unitTargetOf = async (id: number) => {
    const rows = await ctx.db.query<{ path: string }>(`select path from units where id = $1`, [id]);
    return rows[0] ? { unitId: id, unitPath: rows[0].path } : null;
  };

  app.get('/api/projects', { schema: { tags: ['projects'], summary: '重点项目列表 Projects', querystring: ListProjectsQuery, response: { 200: ProjectList } } }, async (req) => {
    const user = authorize(req, 'project.read');
    return service.listProjects(ctx, user, req.query);
  });

  app.get('/api/projects/settings', { schema: { tags: ['projects'], summary: '项目调度设置 Campaign settings', response: { 200: ProjectSettings } } }, async (req) => {
    authorize(req, 'project.read');
    return service.loadSettings(ctx.db, dayInChina(ctx.clock.now()));
  });

  app.put('/api/projects/settings', { schema: { tags: ['projects'], summary: '修改项目调度设置 Change campaign settings', body: UpdateSettingsBody, response: { 200: ProjectSettings } } }, async (req) => {
    authorize(req, 'project.settings');
    return service.updateSettings(ctx, actorOf(req), req.body);
  });

  app.get('/api/projects/reports', { schema: { tags: ['projects'], summary: '月报任务：我的填报、待确认、待审核、未报 Report work lists', querystring: ReportTasksQuery, response: { 200: ReportTaskList } } }, async (req) => {
    const user = authorize(req, 'project.read');
    if (req.query.box === 'mine') authorize(req, 'project.report');
    if (req.query.box === 'confirm') authorize(req, 'project.confirm');
    if (req.query.box === 'review') authorize(req, 'project.review');
    return service.reportTasks(ctx, user, req.query);
  });

  app.get('/api/projects/rankings', { schema: { tags: ['projects'], summary: '排名 Rankings by county, department, category, leader or stage', querystring: RankingsQuery, response: { 200: Rankings } } }, async (req) => {
    const user = authorize(req, 'project.stats');
    return service.rankings(ctx, user, req.query);
  });

  app.get('/api/projects/dashboard', { schema: { tags: ['projects'], summary: '项目调度看板 Campaign dashboard', querystring: FiguresQuery, response: { 200: Dashboard } } }, async (req) => {
    const user = authorize(req, 'project.stats');
    return service.dashboard(ctx, user, req.query);
  });

  app.get('/api/projects.xlsx', { schema: { tags: ['projects'], summary: '导出项目列表 Export the filtered list (.xlsx)', querystring: ListProjectsQuery } }, async (req, reply) => {
    const user = authorize(req, 'project.read');
    const list = await service.listAll(ctx, user, req.query);
    const title = `${list.year}年重点项目（截至${list.month}）`;
    const content = await projectsXlsx(list.items, title);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(`${title}.xlsx`)).send(content);
  });

  app.get('/api/projects/template.xlsx', { schema: { tags: ['projects'], summary: '重点项目导入模板 Import template (.xlsx)' } }, async (req, reply) => {
    authorize(req, 'project.manage');
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition('重点项目导入模板.xlsx')).send(await projectTemplate());
  });

  app.post(
    '/api/projects/import',
    { schema: { tags: ['projects'], summary: '导入项目表（multipart/form-data：file）Import a project sheet; dryRun=true checks only', consumes: ['multipart/form-data'], querystring: ImportQuery, response: { 200: ImportResult } } },
    async (req) => {
      // each row's unit must lie within the user's reach (checked per row)
      const user = authorize(req, 'project.manage');
      const { file } = await readMultipart(req, { zh: '字段 file', en: 'field file' });
      if (!file || file.content.length === 0) throw missingFile();
      const result = await importProjects(ctx, actorOf(req), user, { content: file.content, dryRun: req.query.dryRun, ...(req.query.year ? { year: req.query.year } : {}) });
      if (!result.ok && !result.dryRun) {
        throw new AppError('VALIDATION', {
          message: `导入文件有 ${result.errors.length} 处错误，未导入任何项目`,
          messageEn: `The file has ${result.errors.length} error(s); nothing was imported`,
          details: { errors: result.errors },
        });
      }
      return result;
    },
  );

  app.get('/api/projects/bulletin.docx', { schema: { tags: ['projects'], summary: '月度通报（GB/T 9704 版式）The monthly bulletin (.docx)', querystring: FiguresQuery } }, async (req, reply) => {
    const user = authorize(req, 'project.stats');
    const { content, filename } = await bulletinFile(ctx, user, req.query.month);
    return reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('Content-Disposition', contentDisposition(filename)).send(content);
  });

  app.get('/api/projects/bulletin-annex.xlsx', { schema: { tags: ['projects'], summary: '通报附件明细表 The bulletin annex (.xlsx)', querystring: FiguresQuery } }, async (req, reply) => {
    const user = authorize(req, 'project.stats');
    const { content, filename } = await annexFile(ctx, user, req.query.month);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(filename)).send(content);
  });

  app.get('/api/projects/:id', { schema: { tags: ['projects'], summary: '重点项目 Project', params: ProjectIdParams, response: { 200: Project } } }, async (req) => {
    const user = authorize(req, 'project.read');
    return service.getProjectDetail(ctx, user, req.params.id);
  });

  app.post('/api/projects', { schema: { tags: ['projects'], summary: '登记重点项目 Register a project', body: CreateProjectBody, response: { 201: Project } } }, async (req, reply) => {
    const target = await unitTargetOf(req.body.unitId);
    const user = target ? authorize(req, 'project.manage', target) : authorize(req, 'project.manage');
    return reply.status(201).send(await service.createProject(ctx, actorOf(req), user, req.body));
  });

  app.patch('/api/projects/:id', { schema: { tags: ['projects'], summary: '修改重点项目 Edit a project', params: ProjectIdParams, body: UpdateProjectBody, response: { 200: Project } } }, async (req) => {
    authorize(req, 'project.read');
    const row = await service.loadVisible(ctx, requireUser(req), req.params.id);
    const user = authorizeAny(req, 'project.manage', service.targetsOf(row));
    // moving a project to another unit needs that unit in reach too
    if (req.body.unitId !== undefined && req.body.unitId !== row.unit_id) {
      const t = await unitTargetOf(req.body.unitId);
      if (t) authorize(req, 'project.manage', t);
    }
    return service.updateProject(ctx, actorOf(req), user, req.params.id, req.body);
  });

  app.post('/api/projects/:id/stage', { schema: { tags: ['projects'], summary: '变更项目阶段 Change the stage', params: ProjectIdParams, body: StageBody, response: { 200: Project } } }, async (req) => {
    authorize(req, 'project.read');
    const row = await service.loadVisible(ctx, requireUser(req), req.params.id);
    const user = authorizeAny(req, 'project.manage', service.targetsOf(row));
    return service.changeStage(ctx, actorOf(req), user, req.params.id, req.body);
  });

  app.put(
    '/api/projects/:id/reports/:month',
    { schema: { tags: ['projects'], summary: '填报（保存/提交）月度进度 Save (and submit) a monthly report', params: ReportParams, body: SaveReportBody, response: { 200: Report } } },
    async (req) => {
      authorize(req, 'project.read');
      const row = await service.loadVisible(ctx, requireUser(req), req.params.id);
      const user = authorizeAny(req, 'project.report', service.targetsOf(row));
      return service.saveReport(ctx, actorOf(req), user, row, req.params.month, req.body);
    },
  );

  app.post(
    '/api/projects/:id/reports/:month/actions',
    { schema: { tags: ['projects'], summary: '月报步骤：提交、确认、审核通过、退回 Report steps', params: ReportParams, body: ReportActionBody, response: { 200: Report } } },
    async (req) => {
      const user = authorize(req, 'project.read');
      const row = await service.loadVisible(ctx, user, req.params.id);
      // the side (reporter, unit head, project office) is checked against the report's state
      return service.reportAction(ctx, actorOf(req), user, row, req.params.month, req.body);
    },
  );

  app.post(
    '/api/projects/:id/reports/:month/correction',
    { schema: { tags: ['projects'], summary: '更正已通过的月报（新版本）Correct an accepted report (a new edition)', params: ReportParams, body: CorrectReportBody, response: { 200: Report } } },
    async (req) => {
      authorize(req, 'project.read');
      const row = await service.loadVisible(ctx, requireUser(req), req.params.id);
      const user = authorizeAny(req, 'project.report', service.targetsOf(row));
      return service.correctReport(ctx, actorOf(req), user, row, req.params.month, req.body.reason);
    },
  );

  app.post(
    '/api/projects/:id/problems',
    { schema: { tags: ['projects'], summary: '提出项目问题（作为督办事项）Raise a problem (a supervised matter)', params: ProjectIdParams, body: CreateProblemBody, response: { 201: Project } } },
    async (req, reply) => {
      authorize(req, 'project.read');
      const row = await service.loadVisible(ctx, requireUser(req), req.params.id);
      const user = authorizeAny(req, 'project.problem', service.targetsOf(row));
      const lead = await unitTargetOf(req.body.leadUnitId);
      if (!lead) {
        throw new AppError('VALIDATION', {
          message: `leadUnitId：单位不存在：${req.body.leadUnitId}`,
          messageEn: `leadUnitId: no such unit: ${req.body.leadUnitId}`,
          details: { issues: [{ field: 'leadUnitId', message: `单位不存在：${req.body.leadUnitId}`, messageEn: `no such unit: ${req.body.leadUnitId}` }] },
        });
      }
      const city = await cityTarget(ctx);
      return reply.status(201).send(await service.createProblem(ctx, actorOf(req), user, row, city.unitId, req.body));
    },
  );

}
