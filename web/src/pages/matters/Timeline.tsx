/** Everything that happened to a matter, oldest first: who, which unit, when, what they wrote and attached. */
import type { ReactNode } from 'react';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import {
  ACTION_LABELS,
  RATING_LABELS,
  REPLY_GRADE_LABELS,
  REVIEW_GRADE_LABELS,
  STATE_LABELS,
  type MatterState,
  type Rating,
  type ReplyGrade,
  type ReviewGrade,
} from '../../../../src/domain/matters.ts';
import type { MatterEvent } from '../../../../src/modules/matters/schema.ts';
import { api, type Matter } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../util.ts';

const COLORS: Record<string, string> = {
  accept: 'green',
  rate: 'green',
  return: 'red',
  send_back: 'red',
  reject_extension: 'red',
  escalate: 'red',
  recompute: 'gray',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isState = (s: string | null): s is MatterState => s !== null && s in STATE_LABELS;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function MatterTimeline({ matter, unitName }: { matter: Matter; unitName: (id: number) => string }) {
  const { t, l, lang } = useI18n();
  const stepLabel = (step: string) => {
    const d = matter.deadlines.find((x) => x.step === step);
    return d ? (lang === 'zh' ? d.labelZh : d.labelEn) : step;
  };

  const actionLabel = (e: MatterEvent): string => {
    if (e.action === 'create' && e.toState === 'assigned') return t('timeline.createAssigned');
    const known = (ACTION_LABELS as Record<string, { zh: string; en: string } | undefined>)[e.action];
    return known ? l(known) : e.action;
  };

  const details = (e: MatterEvent): ReactNode[] => {
    const b = e.body;
    const out: ReactNode[] = [];
    const line = (key: string, label: string, value: ReactNode) =>
      out.push(
        <div key={key} className="ls-event-line">
          <Typography.Text type="secondary">
            {label}
            {lang === 'zh' ? '：' : ': '}
          </Typography.Text>
          {value}
        </div>,
      );
    if (e.action === 'recompute') {
      const changes = Array.isArray(b.changes) ? (b.changes as { step?: unknown; from?: unknown; to?: unknown }[]) : [];
      out.push(
        <div key="why" className="ls-event-line">
          {b.reason === 'calendar' ? t('timeline.recomputeCalendar') : t('timeline.recompute')}
        </div>,
      );
      changes.forEach((c, i) =>
        out.push(
          <div key={`c${i}`} className="ls-event-line" data-testid="timeline-recompute-change">
            {t('timeline.moved', { step: stepLabel(String(c.step ?? '')), from: String(c.from ?? ''), to: String(c.to ?? '') })}
          </div>,
        ),
      );
      return out;
    }
    const lead = num(b.leadUnitId);
    if (lead !== undefined && (e.action === 'assign' || e.action === 'reassign' || e.action === 'create')) line('lead', t('matter.leadUnit'), unitName(lead));
    const assists = Array.isArray(b.assistUnitIds) ? (b.assistUnitIds as number[]) : [];
    if (assists.length && (e.action === 'assign' || e.action === 'reassign' || e.action === 'create')) line('assist', t('matter.assistUnits'), assists.map(unitName).join('、'));
    if (str(b.assignedOn)) line('on', t('matter.assignedOn'), str(b.assignedOn));
    if (str(b.dueOn)) line('due', t('matter.dueOnRect'), str(b.dueOn));
    const grade = str(b.grade) as ReviewGrade | undefined;
    if (grade && grade in REVIEW_GRADE_LABELS) line('grade', t('step.grade'), <Tag color={grade === 'fail' ? 'error' : 'success'}>{l(REVIEW_GRADE_LABELS[grade])}</Tag>);
    const replyGrade = str(b.replyGrade) as ReplyGrade | undefined;
    if (replyGrade && replyGrade in REPLY_GRADE_LABELS) line('reply', t('step.replyGrade'), <Tag color="blue">{l(REPLY_GRADE_LABELS[replyGrade])}</Tag>);
    const rating = str(b.rating) as Rating | undefined;
    if (rating && rating in RATING_LABELS) line('rating', t('step.rating'), <Tag color={rating === 'unsatisfied' ? 'error' : 'success'}>{l(RATING_LABELS[rating])}</Tag>);
    if (e.action === 'request_extension' && str(b.requestedDue)) {
      line('ext', t('timeline.extensionAsked'), t('timeline.fromTo', { from: str(b.currentDue) ?? '—', to: str(b.requestedDue) ?? '' }));
    }
    if ((e.action === 'approve_extension' || e.action === 'reject_extension') && str(b.to)) {
      line('ext', stepLabel(str(b.step) ?? ''), t('timeline.fromTo', { from: str(b.from) ?? '—', to: str(b.to) ?? '' }));
    }
    if (Array.isArray(b.milestones)) {
      const ms = b.milestones as { title?: unknown; due?: unknown }[];
      line(
        'ms',
        t('step.milestones'),
        <ol className="ls-event-milestones">
          {ms.map((m, i) => (
            <li key={i}>
              {String(m.title ?? '')}（{String(m.due ?? '')}）
            </li>
          ))}
        </ol>,
      );
    }
    if (str(b.milestone)) line('m', t('step.milestone'), stepLabel(str(b.milestone) ?? ''));
    if (str(b.rehandleDue)) line('re', t('timeline.rehandleDue'), str(b.rehandleDue));
    if (b.onBehalf === true) out.push(<Tag key="behalf">{t('timeline.onBehalf')}</Tag>);
    if (b.onTime === false) out.push(<Tag key="late" color="error">{t('timeline.late')}</Tag>);
    if (e.action !== 'create' && str(b.text)) {
      out.push(
        <div key="text" className="ls-event-text">
          {str(b.text)}
        </div>,
      );
    }
    return out;
  };

  if (matter.events.length === 0) return <Empty data-testid="matter-timeline" image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <div data-testid="matter-timeline">
      <Timeline
        items={matter.events.map((e) => ({
          key: e.id,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <div className="ls-event" data-action={e.action} data-testid={`timeline-${e.action}`}>
              <div className="ls-event-head">
                <strong>{actionLabel(e)}</strong>
                <span className="ls-event-who">
                  {e.actorName === 'system' || !e.actorName ? t('timeline.system') : e.actorName}
                  {e.actorUnitName && <Typography.Text type="secondary"> · {e.actorUnitName}</Typography.Text>}
                </span>
                <Typography.Text type="secondary" className="ls-event-at">
                  {fmtDateTime(e.at)}
                </Typography.Text>
                {e.fromState !== e.toState && isState(e.toState) && (
                  <span className="ls-event-state">
                    {isState(e.fromState) ? `${l(STATE_LABELS[e.fromState])} → ` : ''}
                    {l(STATE_LABELS[e.toState])}
                  </span>
                )}
              </div>
              {details(e)}
              {e.files.length > 0 && (
                <div className="ls-event-files">
                  {e.files.map((f) => (
                    <a key={f.id} href={api.fileUrl(f.id)} target="_blank" rel="noopener noreferrer" data-testid="timeline-file">
                      <PaperClipOutlined /> {f.name}
                      <Typography.Text type="secondary"> ({sizeText(f.size)})</Typography.Text>
                    </a>
                  ))}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
