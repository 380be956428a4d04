import { useEffect, useMemo, useState } from 'react';
import { usePaging } from '../components/usePaging.ts';
import { useRemote } from '../components/useRemote.ts';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { AUDIT_ACTIONS, type AuditEntry, type AuditVerifyResult } from '../../../src/modules/audit/schema.ts';
import type { Unit } from '../../../src/modules/org/schema.ts';
import { roleMay } from '../../../src/platform/policies.ts';
import { api, type AuditQuery } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorText, useReportError } from '../feedback.ts';
import { fmtDateTime } from '../util.ts';
import { PageTitle, LoadFailedInline } from '../components/PageState.tsx';
import { AuditDiff } from './audit/AuditDiff.tsx';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

const ENTITY_TYPES = ['user', 'unit', 'leader', 'file', 'organisation'] as const;

function actionColor(action: string): string {
  if (action.endsWith('_failed') || action.endsWith('.locked') || action.endsWith('.delete')) return 'red';
  if (action.endsWith('.create')) return 'green';
  if (action.startsWith('auth.')) return 'blue';
  if (action.endsWith('.reset_password') || action.endsWith('.unlock')) return 'purple';
  return 'orange';
}

function toQuery(v: FilterValues): AuditQuery {
  const [from, to] = v.range ?? [];
  return {
    from: from ? from.second(0).millisecond(0).toISOString() : undefined,
    to: to ? to.second(59).millisecond(999).toISOString() : undefined,
    actor: v.actor?.trim() || undefined,
    action: v.action || undefined,
    entityType: v.entityType?.trim() || undefined,
    entityId: v.entityId?.trim() || undefined,
  };
}

export default function AuditPage() {
  const { me } = useMe();
  const { t, tx, lang } = useI18n();
  const reportError = useReportError();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({});
  const { page, pageSize, setPage, pagination } = usePaging(50, [20, 50, 100, 200]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const mayVerify = roleMay(me.role, 'audit.verify');

  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
  }, []);

  const { data, loading, error: loadError, reload } = useRemote(() => api.audit({ ...query, page, pageSize }), [query, page, pageSize]);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.verifyAudit());
    } catch (e) {
      reportError(e);
    } finally {
      setVerifying(false);
    }
  };

  const actionLabel = (a: string) => tx(`auditAction.${a}`, a);
  const entityLabel = (e: string) => tx(`entity.${e}`, e);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 150,
      render: (v: string) => (
        <Tooltip title={new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}>
          <span>{fmtDateTime(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (v: string | null, r) =>
        v ? (
          <span>
            {v}
            {r.actorId !== null && (
              <Typography.Text type="secondary" className="ls-field-code">
                #{r.actorId}
              </Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('audit.noActor')}</Typography.Text>
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (a: string) => (
        <Tooltip title={a}>
          <Tag color={actionColor(a)}>{actionLabel(a)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_v, r) => (
        <span>
          {entityLabel(r.entityType)}
          {r.entityId !== null && <Typography.Text code>{r.entityId}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('audit.unit'),
      dataIndex: 'unitId',
      width: 180,
      ellipsis: true,
      render: (id: number | null) => (id === null ? '—' : (unitName.get(id) ?? `#${id}`)),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
  ];

  const search = (v: FilterValues) => {
    setQuery(toQuery(v));
    setPage(1);
    reload();
  };

  return (
    <div data-testid="page-audit">
      <PageTitle
        title={t('audit.title')}
        hint={t('audit.hint')}
        extra={
          mayVerify && (
            <Button icon={<SafetyCertificateOutlined />} onClick={runVerify} loading={verifying} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          )
        }
      />
      {verify && (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 12 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          title={verify.ok ? t('audit.verifyOk', { n: verify.checked }) : t('audit.verifyBad', { n: verify.problems.length, checked: verify.checked })}
          description={
            verify.ok ? (
              verify.lastHash ? (
                <Typography.Text type="secondary">
                  {t('audit.lastHash')}: <Typography.Text code>{verify.lastHash.slice(0, 16)}…</Typography.Text>
                </Typography.Text>
              ) : undefined
            ) : (
              <ul className="ls-problems">
                {verify.problems.map((p, i) => (
                  <li key={`${p.id}-${i}`}>
                    <Tag color="red">{tx(`audit.problem.${p.kind}`, p.kind)}</Tag>
                    {t('audit.problemLine', { id: p.id, message: p.message })}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Card size="small" className="ls-filter-card">
        <Form<FilterValues> form={form} layout="vertical" onFinish={search} className="ls-filter-form">
          <Row gutter={12}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t('audit.range')}>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  presets={[
                    { label: t('audit.preset.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
                    { label: t('audit.preset.7d'), value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
                    { label: t('audit.preset.30d'), value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear placeholder={t('audit.actorPlaceholder')} maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('audit.actionPlaceholder')}
                  options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
                  data-testid="audit-filter-action"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <AutoComplete
                  allowClear
                  placeholder={t('audit.entityTypePlaceholder')}
                  options={ENTITY_TYPES.map((e) => ({ value: e, label: `${entityLabel(e)} (${e})` }))}
                  maxLength={64}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear placeholder={t('audit.entityIdPlaceholder')} maxLength={64} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t('common.reset')}
            </Button>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => reload()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        </Form>
      </Card>
      {loadError !== null && <LoadFailedInline error={errorText(loadError, lang, t('error.unexpected'))} onRetry={reload} />}
      <Card size="small" style={{ marginTop: 12 }}>
        <Table<AuditEntry>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          expandable={{
            expandedRowRender: (r) => (
              <div className="ls-audit-expanded">
                <AuditDiff before={r.before} after={r.after} unitNames={unitName} />
                <Typography.Text type="secondary" className="ls-audit-meta">
                  {t('audit.entryId', { id: r.id })} · {t('audit.hash')}: <code>{r.hash.slice(0, 16)}…</code>
                </Typography.Text>
              </div>
            ),
            rowExpandable: () => true,
          }}
          pagination={pagination(data?.total ?? 0)}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={Object.values(query).some(Boolean) ? t('audit.emptyFiltered') : t('audit.empty')}
              />
            ),
          }}
        />
      </Card>
    </div>
  );
}
