import { useEffect, useMemo, useState, type Key, type ReactNode } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Modal, Popconfirm, Row, Space, Tag, Tooltip, Tree, Typography } from 'antd';
import type { FormInstance, TreeDataNode } from 'antd';
import { DeleteOutlined, EditOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { UNIT_KIND_LABELS, type Leader, type Unit, type UpdateUnitBody } from '../../../../src/modules/org/schema.ts';
import { can } from '../../../../src/platform/policies.ts';
import { api, isApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText, useFormErrorHandler, useReportError } from '../../feedback.ts';
import { ancestorIds, buildUnitTree, type UnitNode } from '../../util.ts';
import { UnitForm, unitFormFields, unitInitialValues, type UnitFormValues } from './UnitForm.tsx';
import { WebhooksDrawer } from './WebhooksDrawer.tsx';

interface Props {
  units: Unit[];
  leaders: Leader[];
  reload: () => Promise<{ units: Unit[]; leaders: Leader[] } | null>;
}

function highlight(text: string, q: string): ReactNode {
  if (!q) return text;
  const i = text.toLowerCase().indexOf(q);
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark className="ls-mark">{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

export function UnitsPanel({ units, leaders, reload }: Props) {
  const { me, subject } = useMe();
  const { t, l, lang } = useI18n();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const onFormError = useFormErrorHandler();

  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const forest = useMemo(() => buildUnitTree(units), [units]);
  const childCount = useMemo(() => {
    const m = new Map<number, number>();
    for (const u of units) if (u.parentId !== null) m.set(u.parentId, (m.get(u.parentId) ?? 0) + 1);
    return m;
  }, [units]);

  const [selectedId, setSelectedId] = useState<number | null>(() =>
    byId.has(me.unit.id) ? me.unit.id : (forest[0]?.unit.id ?? null),
  );
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[]>(() => {
    const own = byId.get(me.unit.id);
    return [...forest.map((n) => n.unit.id), ...(own ? ancestorIds(own) : [])];
  });
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [robotsOf, setRobotsOf] = useState<Unit | null>(null);

  const q = search.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!q) return null;
    return units.filter(
      (u) =>
        u.name.toLowerCase().includes(q) ||
        (u.shortName ?? '').toLowerCase().includes(q) ||
        (u.regionCode ?? '').includes(q),
    );
  }, [units, q]);

  const visible = useMemo(() => {
    if (!matches) return null;
    const set = new Set<number>();
    for (const u of matches) {
      set.add(u.id);
      for (const a of ancestorIds(u)) set.add(a);
    }
    return set;
  }, [matches]);

  useEffect(() => {
    if (!matches) return;
    const keys = new Set<number>();
    for (const u of matches) for (const a of ancestorIds(u)) keys.add(a);
    setExpanded([...keys]);
  }, [matches]);

  const treeData = useMemo(() => {
    const toNode = (n: UnitNode): TreeDataNode | null => {
      if (visible && !visible.has(n.unit.id)) return null;
      const u = n.unit;
      return {
        key: u.id,
        title: (
          <span className={u.active ? undefined : 'ls-inactive'}>
            {highlight(u.name, q)}
            {u.shortName && u.shortName !== u.name && (
              <span className="ls-muted"> （{highlight(u.shortName, q)}）</span>
            )}
            {!u.active && (
              <Tag className="ls-tree-tag" color="default">
                {t('common.inactive')}
              </Tag>
            )}
          </span>
        ),
        children: n.children.map(toNode).filter((c): c is TreeDataNode => c !== null),
      };
    };
    return forest.map(toNode).filter((c): c is TreeDataNode => c !== null);
  }, [forest, visible, q, t]);

  const selected = selectedId === null ? undefined : byId.get(selectedId);
  const mayManage = (u: Unit) => can(subject, 'org.manage', { unitId: u.id, unitPath: u.path });

  useEffect(() => {
    setEditing(false);
  }, [selectedId]);

  const conflict = async () => {
    modal.warning({ title: t('conflict.title'), content: t('conflict.body') });
    setEditing(false);
    await reload();
  };

  const select = (id: number) => {
    setSelectedId(id);
    const u = byId.get(id);
    if (u) setExpanded((prev) => [...new Set([...prev, ...ancestorIds(u)])]);
  };

  // ---- edit ----------------------------------------------------------------------------------
  const startEdit = () => setEditing(true);

  const saveEdit = async (u: Unit, values: UnitFormValues, editForm: FormInstance<UnitFormValues>) => {
    const body: UpdateUnitBody = { version: u.version };
    const name = values.name.trim();
    const shortName = values.shortName?.trim() || null;
    const regionCode = values.regionCode?.trim() || null;
    if (name !== u.name) body.name = name;
    if (shortName !== u.shortName) body.shortName = shortName;
    if (values.kind !== u.kind) body.kind = values.kind;
    if (regionCode !== u.regionCode) body.regionCode = regionCode;
    if (values.sortOrder !== undefined && values.sortOrder !== null && values.sortOrder !== u.sortOrder) body.sortOrder = values.sortOrder;
    if (values.active !== undefined && values.active !== u.active) body.active = values.active;
    if (u.parentId !== null && values.parentId !== undefined && values.parentId !== u.parentId) body.parentId = values.parentId;

    if (Object.keys(body).length === 1) {
      void message.info(t('common.noChanges'));
      setEditing(false);
      return;
    }

    const doSave = async () => {
      setSaving(true);
      try {
        await api.updateUnit(u.id, body);
        void message.success(t('unit.saved'));
        setEditing(false);
        await reload();
      } catch (e) {
        if (isApiError(e) && e.code === 'VERSION_CONFLICT') await conflict();
        else onFormError(editForm, e, unitFormFields);
      } finally {
        setSaving(false);
      }
    };

    if (body.parentId !== undefined) {
      const target = byId.get(body.parentId);
      modal.confirm({
        title: t('unit.moveConfirmTitle'),
        content: t('unit.moveConfirmBody', { unit: u.name, parent: target?.name ?? `#${body.parentId}` }),
        okText: t('unit.moveConfirmOk'),
        cancelText: t('common.cancel'),
        onOk: doSave,
      });
    } else if (body.active === false) {
      modal.confirm({
        title: t('unit.deactivateConfirmTitle'),
        content: t('unit.deactivateConfirmBody', { unit: u.name }),
        okText: t('common.confirm'),
        cancelText: t('common.cancel'),
        onOk: doSave,
      });
    } else {
      await doSave();
    }
  };

  // ---- create ---------------------------------------------------------------------------------
  const openCreate = () => setCreating(true);

  const saveCreate = async (parent: Unit, values: UnitFormValues, createForm: FormInstance<UnitFormValues>) => {
    setSaving(true);
    try {
      const created = await api.createUnit({
        parentId: parent.id,
        name: values.name.trim(),
        shortName: values.shortName?.trim() || null,
        kind: values.kind,
        regionCode: values.regionCode?.trim() || null,
        ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
      });
      void message.success(t('unit.created', { name: created.name }));
      setCreating(false);
      await reload();
      setSelectedId(created.id);
      setExpanded((prev) => [...new Set([...prev, parent.id, ...ancestorIds(parent)])]);
    } catch (e) {
      onFormError(createForm, e, unitFormFields);
    } finally {
      setSaving(false);
    }
  };

  // ---- delete ---------------------------------------------------------------------------------
  const remove = async (u: Unit) => {
    setDeleting(true);
    try {
      await api.deleteUnit(u.id, u.version);
      void message.success(t('unit.deleted', { name: u.name }));
      setSelectedId(u.parentId);
      await reload();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') await conflict();
      else if (isApiError(e) && e.code === 'IN_USE')
        modal.error({ title: t('unit.inUseTitle'), content: `${errorText(e, lang, '')} ${t('unit.inUseHint')}` });
      else reportError(e);
    } finally {
      setDeleting(false);
    }
  };

  // ---- render ---------------------------------------------------------------------------------
  const leadersOf = (u: Unit) =>
    leaders
      .filter((ld) => ld.unitIds.includes(u.id) || u.leaderIds.includes(ld.id))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  const detail = (u: Unit) => {
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    const children = childCount.get(u.id) ?? 0;
    const manage = mayManage(u);
    const robots = can(subject, 'webhook.manage', { unitId: u.id, unitPath: u.path });
    const charged = leadersOf(u);
    return (
      <Card
        data-testid="unit-detail"
        title={
          <Space>
            <span>{u.name}</span>
            {!u.active && <Tag>{t('common.inactive')}</Tag>}
          </Space>
        }
        extra={
          (manage || robots) && !editing ? (
            <Space wrap>
              {manage && (
                <>
                  <Button type="primary" icon={<EditOutlined />} onClick={startEdit} data-testid="unit-edit">
                    {t('common.edit')}
                  </Button>
                  <Button icon={<PlusOutlined />} onClick={openCreate} data-testid="unit-add-child">
                    {t('unit.addChild')}
                  </Button>
                  {u.parentId !== null && (
                    <Tooltip title={children > 0 ? t('unit.deleteHasChildren') : undefined}>
                      <Popconfirm
                        title={t('unit.deleteConfirmTitle')}
                        description={t('unit.deleteConfirmBody', { name: u.name })}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        disabled={children > 0}
                        onConfirm={() => remove(u)}
                      >
                        <Button danger icon={<DeleteOutlined />} disabled={children > 0} loading={deleting} data-testid="unit-delete">
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Tooltip>
                  )}
                </>
              )}
              {robots && (
                <Tooltip title={t('webhook.openHint')}>
                  <Button icon={<NotificationOutlined />} onClick={() => setRobotsOf(u)} data-testid="unit-webhooks">
                    {t('webhook.open')}
                  </Button>
                </Tooltip>
              )}
            </Space>
          ) : undefined
        }
      >
        {editing ? (
          <UnitForm
            key={`${u.id}:${u.version}`}
            initialValues={unitInitialValues(u)}
            mode="edit"
            unit={u}
            units={units}
            isParentAllowed={(p) => mayManage(p)}
            busy={saving}
            onFinish={(v, f) => saveEdit(u, v, f)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { width: 120 } }}
              items={[
                { key: 'name', label: t('unit.name'), children: u.name, span: 2 },
                { key: 'shortName', label: t('unit.shortName'), children: u.shortName || '—' },
                { key: 'kind', label: t('unit.kind'), children: l(UNIT_KIND_LABELS[u.kind]) },
                {
                  key: 'parent',
                  label: t('unit.parent'),
                  children: parent ? (
                    <Typography.Link onClick={() => select(parent.id)}>{parent.name}</Typography.Link>
                  ) : (
                    t('unit.topLevel')
                  ),
                },
                { key: 'region', label: t('unit.regionCode'), children: u.regionCode || '—' },
                { key: 'sort', label: t('unit.sortOrder'), children: u.sortOrder },
                {
                  key: 'active',
                  label: t('unit.status'),
                  children: u.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
                },
                { key: 'children', label: t('unit.childCount'), children: children },
                { key: 'id', label: t('unit.id'), children: `#${u.id}` },
                {
                  key: 'leaders',
                  label: t('unit.leaders'),
                  span: 2,
                  children: charged.length ? (
                    <Space size={[4, 4]} wrap>
                      {charged.map((ld) => (
                        <Tag key={ld.id} color={ld.active ? 'red' : 'default'}>
                          {t('unit.leaderTag', { name: ld.name, title: ld.title })}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('unit.noLeaders')}</Typography.Text>
                  ),
                },
              ]}
            />
            {!manage && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('unit.readOnlyHint')}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>
    );
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          size="small"
          title={t('org.treeTitle', { count: units.length })}
          className="ls-tree-card"
          styles={{ body: { padding: 8 } }}
        >
          <Input.Search
            allowClear
            placeholder={t('org.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ marginBottom: 8 }}
            data-testid="org-search"
          />
          {matches && matches.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noMatch')} />
          ) : units.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.empty')} />
          ) : (
            <div data-testid="org-tree" className="ls-tree-scroll">
              <Tree
                blockNode
                showLine
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selectedId === null ? [] : [selectedId]}
                onSelect={(keys) => {
                  const k = keys[0];
                  if (k !== undefined) setSelectedId(Number(k));
                }}
                virtual={false}
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selected ? (
          detail(selected)
        ) : (
          <Card>
            <Empty description={t('org.pickUnit')} />
          </Card>
        )}
      </Col>
      {robotsOf && <WebhooksDrawer unit={robotsOf} onClose={() => setRobotsOf(null)} />}
      {selected && (
        <UnitCreateModal
          open={creating}
          parent={selected}
          units={units}
          busy={saving}
          onCancel={() => setCreating(false)}
          onFinish={(v, f) => saveCreate(selected, v, f)}
        />
      )}
    </Row>
  );
}

function UnitCreateModal(props: {
  open: boolean;
  parent: Unit;
  units: Unit[];
  busy: boolean;
  onCancel: () => void;
  onFinish: (v: UnitFormValues, f: FormInstance<UnitFormValues>) => void;
}) {
  const { parent } = props;
  const { t } = useI18n();
  return (
    <Modal
      open={props.open}
      title={t('unit.addChildTitle', { parent: props.parent.name })}
      onCancel={props.onCancel}
      footer={null}
      destroyOnHidden
      width={640}
      mask={{ closable: false }}
    >
      <UnitForm
        initialValues={{ kind: parent.kind === 'department' || parent.kind === 'subunit' ? 'subunit' : 'department' }}
        mode="create"
        unit={props.parent}
        units={props.units}
        busy={props.busy}
        onFinish={props.onFinish}
        onCancel={props.onCancel}
      />
    </Modal>
  );
}
