import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ACTION_LABELS, REPLY_GRADE_LABELS, REVIEW_GRADE_LABELS, RATING_LABELS, isOpen, type MatterAction } from '../../../src/domain/matters.ts';
import type { Leader, Unit } from '../../../src/modules/org/schema.ts';
import type { ClockProfileRecord } from '../../../src/modules/calendar/schema.ts';
import { can } from '../../../src/platform/policies.ts';
import { api, type Matter } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime, unitFullName } from '../util.ts';
import { useRemote } from '../components/useRemote.ts';
import { NotFound } from '../components/PageState.tsx';
import { RecordHeader, RecordPending } from '../components/RecordHeader.tsx';
import { ActionModal, STEP_FORMS } from './matters/ActionModal.tsx';
import { Deadlines } from './matters/Deadlines.tsx';
import { MatterTimeline } from './matters/Timeline.tsx';
import { EditMatterModal } from './matters/EditMatterModal.tsx';
import { LinksCard } from './matters/LinksCard.tsx';
import { DueCell, LightTag, SourceTag, StateTag } from './matters/parts.tsx';

/** The steps that move the matter forward get the primary button; the others stay plain. */
const PRIMARY = new Set<MatterAction>(['assign', 'sign', 'report', 'request_closure', 'accept', 'reply', 'rate', 'approve_extension', 'file_plan']);

const EXTENSION_COLORS = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

export default function MatterPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { subject } = useMe();
  const { t, l, lang } = useI18n();
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Leader[]>([]);
  const [profiles, setProfiles] = useState<ClockProfileRecord[]>([]);
  const [step, setStep] = useState<MatterAction | null>(null);
  const [editing, setEditing] = useState(false);
  /** The matter as the last step returned it (newer than the last load). */
  const [fresh, setFresh] = useState<Matter | null>(null);

  const { data, loading, error, reload } = useRemote(() => api.matter(id), [id]);
  const matter = fresh && fresh.id === id && (!data || fresh.version >= data.version) ? fresh : data;

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
    api.leaders().then(setLeaders, () => setLeaders([]));
    api.clockProfiles().then(setProfiles, () => setProfiles([]));
  }, []);

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  /** Units by a name that stands on its own (many counties have a 发展和改革局). */
  const unitName = (uid: number, fallback?: string) => {
    const u = unitById.get(uid);
    return u ? unitFullName(u, unitById) : (fallback ?? matter?.units.find((x) => x.unitId === uid)?.unitName ?? `#${uid}`);
  };

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (!matter) return <RecordPending error={error} onRetry={reload} />;

  const refresh = () => {
    setFresh(null);
    reload();
  };
  const profile = profiles.find((p) => p.code === matter.profile);
  const lead = matter.units.find((u) => u.role === 'lead');
  const assists = matter.units.filter((u) => u.role === 'assist');
  const reply = matter.source === 'suggestion' || matter.source === 'proposal';
  const assigner = unitById.get(matter.assignerUnitId);
  const mayEdit = matter.state !== 'closed' && !!assigner && can(subject, 'matter.review', { unitId: assigner.id, unitPath: assigner.path });

  const facts = [
    { key: 'source', label: t('matter.source'), children: <SourceTag source={matter.source} /> },
    { key: 'sourceDoc', label: t('matter.sourceDoc'), children: matter.sourceDoc || '—' },
    { key: 'assigner', label: t('matter.assignerUnit'), children: unitName(matter.assignerUnitId, matter.assignerUnitName) },
    {
      key: 'lead',
      label: t('matter.leadUnit'),
      children: lead ? unitName(lead.unitId, lead.unitName) : <Typography.Text type="secondary">{t('matter.notAssigned')}</Typography.Text>,
    },
    { key: 'assist', label: t('matter.assistUnits'), children: assists.length ? assists.map((u) => unitName(u.unitId, u.unitName)).join('、') : '—' },
    { key: 'leader', label: t('matter.leader'), children: matter.leaderName ?? '—' },
    { key: 'assignedOn', label: t('matter.assignedOn'), children: matter.assignedOn ?? '—' },
    { key: 'due', label: t('matter.dueOn'), children: <DueCell dueOn={matter.dueOn} state={matter.state} closedOn={null} closedOnTime={null} /> },
    {
      key: 'profile',
      label: t('matter.profile'),
      children: (
        <span>
          {profile ? l(profile) : matter.profile}
          {matter.major && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {t('matter.major')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      key: 'dayMode',
      label: t('matter.dayMode'),
      children: `${matter.dayMode === 'working' ? t('matter.dayMode.working') : t('matter.dayMode.calendar')}${matter.shiftOffNonWorking ? t('matter.shiftSuffix') : ''}`,
    },
    { key: 'confidential', label: t('matter.confidential'), children: matter.confidential ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no') },
  ];
  if (reply) {
    facts.push(
      { key: 'proposer', label: t('matter.proposer'), children: matter.proposer || '—' },
      { key: 'delegation', label: t('matter.delegation'), children: matter.delegation || '—' },
      { key: 'session', label: t('matter.sessionName'), children: matter.sessionName || '—' },
    );
    if (matter.replyGrade) facts.push({ key: 'replyGrade', label: t('step.replyGrade'), children: <Tag color="blue">{l(REPLY_GRADE_LABELS[matter.replyGrade])}</Tag> });
    if (matter.rating) facts.push({ key: 'rating', label: t('step.rating'), children: <Tag color={matter.rating === 'unsatisfied' ? 'error' : 'success'}>{l(RATING_LABELS[matter.rating])}</Tag> });
  }
  if (matter.reviewGrade) {
    facts.push({ key: 'grade', label: t('step.grade'), children: <Tag color={matter.reviewGrade === 'fail' ? 'error' : 'success'}>{l(REVIEW_GRADE_LABELS[matter.reviewGrade])}</Tag> });
  }
  if (matter.closedOn) {
    facts.push({
      key: 'closed',
      label: t('matter.closedOn'),
      children: (
        <span>
          {matter.closedOn}{' '}
          {matter.closedOnTime === false ? <Tag color="error">{t('matter.due.closedLate')}</Tag> : <Tag color="success">{t('matter.onTime')}</Tag>}
        </span>
      ),
    });
  }

  const texts = [
    { key: 'content', label: reply ? t('matter.contentSuggestion') : t('matter.content'), value: matter.content },
    { key: 'requirement', label: t('matter.requirement'), value: matter.requirement },
    { key: 'measures', label: t('matter.measures'), value: matter.measures },
    { key: 'progress', label: t('matter.progress'), value: matter.progress },
  ].filter((x) => x.value);

  return (
    <div data-testid="page-matter" data-matter-id={matter.id}>
      <RecordHeader
        back={{ to: '/matters', label: t('matter.back'), testId: 'matter-back' }}
        code={matter.code}
        codeTestId="matter-code"
        tags={
          <>
            <StateTag state={matter.state} testId="matter-state" />
            {isOpen(matter.state) && <LightTag light={matter.light} testId="matter-light" />}
            {matter.confidential && <Tag color="red">{t('matter.confidential')}</Tag>}
          </>
        }
        title={matter.title}
        titleTestId="matter-title"
        actions={
          mayEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="matter-edit">
              {t('matter.edit')}
            </Button>
          )
        }
        onRefresh={refresh}
        loading={loading}
      />

      {matter.lightReasons.length > 0 && (
        <Alert
          type={matter.light === 'red' ? 'error' : matter.light === 'yellow' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="matter-light-reasons"
          title={
            <ul className="ls-reasons">
              {matter.lightReasons.map((r, i) => (
                <li key={i}>
                  <LightTag light={r.light} /> {lang === 'zh' ? r.zh : r.en}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Card size="small" className="ls-action-bar" data-testid="matter-actions">
        {matter.allowedActions.length > 0 ? (
          <Space wrap>
            <Typography.Text type="secondary">{t('matter.nextSteps')}</Typography.Text>
            {matter.allowedActions.map((a) => (
              <Button
                key={a}
                type={PRIMARY.has(a) ? 'primary' : 'default'}
                danger={STEP_FORMS[a].danger}
                onClick={() => setStep(a)}
                data-testid={`action-${a}`}
              >
                {l(ACTION_LABELS[a])}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="matter-no-actions">
            {matter.state === 'closed' ? t('matter.closedNothing') : t('matter.nothingForYou')}
          </Typography.Text>
        )}
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xxl={14}>
          <Card size="small" title={t('matter.facts')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={facts} styles={{ label: { width: 110, whiteSpace: 'nowrap' } }} data-testid="matter-facts" />
            {texts.map((x) => (
              <div key={x.key} className="ls-matter-text" data-testid={`matter-${x.key}`}>
                <Typography.Text strong>{x.label}</Typography.Text>
                <Typography.Paragraph className="ls-pre">{x.value}</Typography.Paragraph>
              </div>
            ))}
          </Card>
          <LinksCard matter={matter} />
          <Card size="small" title={t('matter.deadlines')} style={{ marginTop: 12 }}>
            <Deadlines matter={matter} unitName={unitName} />
          </Card>
          {matter.extensions.length > 0 && (
            <Card size="small" title={t('matter.extensions')} style={{ marginTop: 12 }}>
              <Table
                data-testid="matter-extensions"
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={matter.extensions}
                columns={[
                  { title: t('extension.requestedAt'), dataIndex: 'requestedAt', width: 140, render: (v: string) => fmtDateTime(v) },
                  { title: t('extension.change'), key: 'change', width: 200, render: (_v, x) => t('timeline.fromTo', { from: x.currentDue, to: x.requestedDue }) },
                  { title: t('extension.reason'), dataIndex: 'reason' },
                  {
                    title: t('extension.status'),
                    key: 'status',
                    width: 180,
                    render: (_v, x) => (
                      <span>
                        <Tag color={EXTENSION_COLORS[x.status]}>{t(`extension.status.${x.status}`)}</Tag>
                        {x.decisionNote && <Typography.Text type="secondary">{x.decisionNote}</Typography.Text>}
                      </span>
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xxl={10}>
          <Card size="small" title={t('matter.timeline')}>
            <MatterTimeline matter={matter} unitName={unitName} />
          </Card>
        </Col>
      </Row>

      {step && (
        <ActionModal
          key={step}
          matter={matter}
          action={step}
          units={units}
          onClose={() => setStep(null)}
          onDone={(m) => {
            setStep(null);
            setFresh(m);
            reload();
          }}
          onStale={() => {
            setStep(null);
            refresh();
          }}
        />
      )}
      {editing && (
        <EditMatterModal
          matter={matter}
          leaders={leaders}
          onClose={() => setEditing(false)}
          onSaved={(m) => {
            setEditing(false);
            setFresh(m);
            reload();
          }}
          onStale={() => {
            setEditing(false);
            refresh();
          }}
        />
      )}
    </div>
  );
}
