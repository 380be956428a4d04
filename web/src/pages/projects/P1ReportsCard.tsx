/**
 * A project's monthly reports, newest month first, every edition: state, amount, progress, site
 * photos (with when and where they were taken, from their EXIF), who filled, confirmed and
 * reviewed them and when, return and correction reasons. Superseded editions are greyed; the
 * newest edition of each month carries the steps the user may take on it.
 */
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Photo, Project, Report } from '../../../../src/modules/projects/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../util.ts';
import { ReportStateTag, Wan, currentReports, monthText } from './P1Parts.tsx';
import { ReportStepButtons, type ReportSides } from './P1ReportSteps.tsx';

function PhotoThumb({ photo }: { photo: Photo }) {
  const { t } = useI18n();
  const where = photo.lng !== null && photo.lat !== null ? t('project.coords', { lng: photo.lng.toFixed(5), lat: photo.lat.toFixed(5) }) : null;
  return (
    <a href={api.fileUrl(photo.fileId)} target="_blank" rel="noopener noreferrer" data-testid="report-photo" style={{ display: 'inline-block', width: 96, verticalAlign: 'top' }}>
      <img src={api.fileUrl(photo.fileId)} alt={photo.name} loading="lazy" style={{ width: 96, height: 72, objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} />
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, lineHeight: '14px' }} data-testid="report-photo-exif">
        {photo.takenAt ? fmtDateTime(photo.takenAt) : t('project.photo.noTime')}
        {where && (
          <>
            <br />
            {where}
          </>
        )}
      </Typography.Text>
    </a>
  );
}

function Who({ name, at, label }: { name: string | null; at: string | null; label: string }) {
  if (!name && !at) return null;
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label}</Typography.Text> {name ?? '—'}
      {at && <Typography.Text type="secondary"> {fmtDateTime(at)}</Typography.Text>}
    </div>
  );
}

interface Props {
  project: Project;
  sides: ReportSides;
  onFill: (month: string, report: Report) => void;
  onChanged: () => void;
}

export function ReportsTable({ project, sides, onFill, onChanged }: Props) {
  const { t, lang } = useI18n();
  const newest = currentReports(project.reports);
  const rows = [...project.reports].sort((a, b) => b.month.localeCompare(a.month) || b.edition - a.edition);

  const columns: TableColumnsType<Report> = [
    {
      title: t('project.reports.month'),
      dataIndex: 'month',
      width: 110,
      render: (m: string, r) => (
        <span>
          {monthText(m, lang)}
          {r.edition > 1 && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('project.report.edition', { n: r.edition })}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('project.reportState'),
      dataIndex: 'state',
      width: 130,
      render: (_v, r) => (
        <Space size={2} orientation="vertical">
          <ReportStateTag state={r.state} testId="project-report-state" />
          {r.superseded && <Tag>{t('project.reports.superseded')}</Tag>}
          {r.late && <Tag color="orange">{t('project.reports.late')}</Tag>}
        </Space>
      ),
    },
    { title: t('project.reports.amount'), dataIndex: 'completedYuan', width: 120, align: 'right', render: (v: number) => <Wan yuan={v} testId="project-report-amount" /> },
    {
      title: t('project.reports.progress'),
      dataIndex: 'progress',
      render: (v: string, r) => (
        <div>
          <Typography.Paragraph className="ls-pre" style={{ marginBottom: r.photos.length ? 6 : 0 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
            {v || '—'}
          </Typography.Paragraph>
          {r.photos.length > 0 && (
            <Space size={6} wrap>
              {r.photos.map((p) => (
                <PhotoThumb key={p.fileId} photo={p} />
              ))}
            </Space>
          )}
          {r.returnReason && (
            <Typography.Text type="danger" style={{ display: 'block' }} data-testid="project-report-return-reason">
              {t('project.reports.returnReason', { reason: r.returnReason })}
            </Typography.Text>
          )}
          {r.correctionReason && (
            <Typography.Text type="warning" style={{ display: 'block' }}>
              {t('project.reports.correctionReason', { reason: r.correctionReason })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('project.reports.people'),
      key: 'people',
      width: 230,
      render: (_v, r) => (
        <div style={{ fontSize: 12 }}>
          <Who label={t('project.reports.filled')} name={r.filledByName} at={r.submittedAt} />
          <Who label={t('project.reports.confirmed')} name={r.confirmedByName} at={r.confirmedAt} />
          <Who label={r.state === 'returned' && !r.confirmedAt ? t('project.reports.returnedBy') : t('project.reports.reviewed')} name={r.reviewedByName} at={r.reviewedAt} />
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_v, r) =>
        newest.get(r.month)?.id === r.id ? (
          <ReportStepButtons
            target={{ projectId: project.id, month: r.month, state: r.state, version: r.version }}
            sides={sides}
            onFill={() => onFill(r.month, r)}
            onChanged={onChanged}
          />
        ) : null,
    },
  ];

  return (
    <Table<Report>
      data-testid="project-reports"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false, size: 'small' } : false}
      scroll={{ x: 900 }}
      rowClassName={(r) => (r.superseded ? 'ls-row-disabled' : '')}
      onRow={(r) => ({ 'data-testid': 'project-report-row', 'data-month': r.month, 'data-edition': r.edition, 'data-state': r.state, 'data-superseded': r.superseded }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('project.reports.empty') }}
    />
  );
}

/** Tooltip-sized explanation of who takes which step (shown beside the card title). */
export function ReportFlowHint() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('project.reports.flow')}>
      <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }}>
        {t('project.reports.flowShort')}
      </Typography.Text>
    </Tooltip>
  );
}
