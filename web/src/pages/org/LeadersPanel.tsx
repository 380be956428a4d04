import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Leader, Unit, UpdateLeaderBody } from '../../../../src/modules/org/schema.ts';
import { can, roleMay } from '../../../../src/platform/policies.ts';
import { api, isApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFormErrorHandler } from '../../feedback.ts';
import { sortUnits } from '../../util.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';

interface Props {
  units: Unit[];
  leaders: Leader[];
  reload: () => Promise<{ units: Unit[]; leaders: Leader[] } | null>;
}

interface LeaderFormValues {
  name: string;
  title: string;
  sortOrder?: number | null;
  active?: boolean;
  unitIds: number[];
  userId?: number | null;
}

const leaderFields = ['name', 'title', 'sortOrder', 'active', 'unitIds', 'userId'] as const;

const sameIds = (a: readonly number[], b: readonly number[]) => {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export function LeadersPanel({ units, leaders, reload }: Props) {
  const { me, subject } = useMe();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const onFormError = useFormErrorHandler();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const [busy, setBusy] = useState(false);

  const [userLabels, setUserLabels] = useState<Map<number, string>>(new Map());
  const mayReadUsers = roleMay(me.role, 'user.read');
  const linked = leaders.some((ld) => ld.userId !== null);

  // Name the linked accounts (best effort: one page of users; unknown ones show as "用户 #id").
  useEffect(() => {
    if (!mayReadUsers || !linked) return;
    let cancelled = false;
    api.users({ pageSize: 200 }).then(
      (list) => {
        if (!cancelled) setUserLabels(new Map(list.items.map((u) => [u.id, t('user.label', { name: u.displayName, username: u.username })])));
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [mayReadUsers, linked, t]);

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const unitOrder = useMemo(() => new Map(sortUnits(units).map((u, i) => [u.id, i])), [units]);
  const mayManage = can(subject, 'leader.manage');
  const mayChargeUnit = (u: Unit) => can(subject, 'leader.manage', { unitId: u.id, unitPath: u.path });

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return [...leaders]
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
      .filter(
        (ld) =>
          !needle ||
          ld.name.toLowerCase().includes(needle) ||
          ld.title.toLowerCase().includes(needle) ||
          ld.unitIds.some((id) => (unitById.get(id)?.name ?? '').toLowerCase().includes(needle)),
      );
  }, [leaders, q, unitById]);

  const save = async (values: LeaderFormValues, form: FormInstance<LeaderFormValues>) => {
    const target = editing;
    if (!target) return;
    setBusy(true);
    try {
      if (target === 'new') {
        const created = await api.createLeader({
          name: values.name.trim(),
          title: values.title.trim(),
          unitIds: values.unitIds ?? [],
          userId: values.userId ?? null,
          ...(values.sortOrder != null ? { sortOrder: values.sortOrder } : {}),
        });
        void message.success(t('leader.created', { name: created.name }));
      } else {
        const body: UpdateLeaderBody = { version: target.version };
        if (values.name.trim() !== target.name) body.name = values.name.trim();
        if (values.title.trim() !== target.title) body.title = values.title.trim();
        if (values.sortOrder != null && values.sortOrder !== target.sortOrder) body.sortOrder = values.sortOrder;
        if (values.active !== undefined && values.active !== target.active) body.active = values.active;
        if ((values.userId ?? null) !== target.userId) body.userId = values.userId ?? null;
        if (!sameIds(values.unitIds ?? [], target.unitIds)) body.unitIds = values.unitIds ?? [];
        if (Object.keys(body).length === 1) {
          void message.info(t('common.noChanges'));
          setEditing(null);
          return;
        }
        await api.updateLeader(target.id, body);
        void message.success(t('leader.saved'));
      }
      setEditing(null);
      await reload();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        modal.warning({ title: t('conflict.title'), content: t('conflict.body') });
        setEditing(null);
        await reload();
      } else {
        onFormError(form, e, leaderFields);
      }
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Leader> = [
    { title: t('leader.sortOrder'), dataIndex: 'sortOrder', width: 72, align: 'center' },
    {
      title: t('leader.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string, ld) => (
        <span className={ld.active ? undefined : 'ls-inactive'}>
          <Typography.Text strong>{name}</Typography.Text>
        </span>
      ),
    },
    { title: t('leader.title'), dataIndex: 'title', width: 220, ellipsis: true },
    {
      title: t('leader.units'),
      key: 'units',
      render: (_v, ld) =>
        ld.unitIds.length ? (
          <Space size={[4, 4]} wrap>
            {[...ld.unitIds]
              .sort((a, b) => (unitOrder.get(a) ?? 0) - (unitOrder.get(b) ?? 0))
              .map((id) => (
                <Tag key={id} color="geekblue">
                  {unitById.get(id)?.name ?? `#${id}`}
                </Tag>
              ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('leader.noUnits')}</Typography.Text>
        ),
    },
    {
      title: t('leader.account'),
      dataIndex: 'userId',
      width: 150,
      render: (id: number | null) =>
        id ? (
          <Tag>{userLabels.get(id) ?? t('user.byId', { id })}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('leader.noAccount')}</Typography.Text>
        ),
    },
    {
      title: t('leader.status'),
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) => (active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
    ...(mayManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_v: unknown, ld: Leader) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(ld)} data-testid={`leader-edit-${ld.id}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('leader.listTitle', { count: leaders.length })}
      extra={
        mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="leader-create">
            {t('leader.create')}
          </Button>
        )
      }
    >
      <Input.Search
        allowClear
        placeholder={t('leader.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
      />
      <Table<Leader>
        data-testid="leaders-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q ? t('common.noMatch') : mayManage ? t('leader.emptyCanCreate') : t('leader.empty')}
            />
          ),
        }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('leader.createTitle') : t('leader.editTitle')}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
        width={640}
        mask={{ closable: false }}
      >
        {editing !== null && (
          <LeaderForm
            key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
            leader={editing === 'new' ? null : editing}
            units={units}
            mayChargeUnit={mayChargeUnit}
            userLabels={userLabels}
            busy={busy}
            onFinish={save}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Card>
  );
}

function LeaderForm(props: {
  leader: Leader | null;
  units: Unit[];
  mayChargeUnit: (u: Unit) => boolean;
  userLabels: ReadonlyMap<number, string>;
  busy: boolean;
  onFinish: (v: LeaderFormValues, form: FormInstance<LeaderFormValues>) => void;
  onCancel: () => void;
}) {
  const { leader, units, busy } = props;
  const { t } = useI18n();
  const [form] = Form.useForm<LeaderFormValues>();
  const initial: Partial<LeaderFormValues> = leader
    ? {
        name: leader.name,
        title: leader.title,
        sortOrder: leader.sortOrder,
        active: leader.active,
        unitIds: leader.unitIds,
        userId: leader.userId,
      }
    : { unitIds: [], userId: null };

  return (
    <Form<LeaderFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => props.onFinish(v, form)}
      disabled={busy}
      requiredMark="optional"
      data-testid="leader-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item
            name="name"
            label={t('leader.name')}
            rules={[
              { required: true, whitespace: true, message: t('leader.nameRequired') },
              { max: 50, message: t('common.maxLength', { n: 50 }) },
            ]}
          >
            <Input maxLength={50} data-testid="leader-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="title"
            label={t('leader.title')}
            rules={[
              { required: true, whitespace: true, message: t('leader.titleRequired') },
              { max: 100, message: t('common.maxLength', { n: 100 }) },
            ]}
          >
            <Input maxLength={100} placeholder={t('leader.titlePlaceholder')} data-testid="leader-title" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="unitIds" label={t('leader.units')} extra={t('leader.unitsHelp')}>
            <UnitTreeSelect units={units} multiple allowClear hideInactive isDisabled={(u) => !props.mayChargeUnit(u)} placeholder={t('leader.unitsPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="userId" label={t('leader.account')} extra={t('leader.accountHelp')}>
            <UserPicker knownLabels={props.userLabels} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="sortOrder" label={t('leader.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {leader && (
          <Col xs={12} md={6}>
            <Form.Item name="active" label={t('leader.status')} valuePropName="checked" required>
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="leader-save">
          {leader ? t('common.save') : t('leader.createSubmit')}
        </Button>
        <Button onClick={props.onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
