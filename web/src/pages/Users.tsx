import { useCallback, useEffect, useMemo, useState } from 'react';
import { usePaging } from '../components/usePaging.ts';
import { useRemote } from '../components/useRemote.ts';
import { App, Button, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Unit } from '../../../src/modules/org/schema.ts';
import type { User } from '../../../src/modules/users/schema.ts';
import { ROLES, ROLE_LABELS, SCOPE_LABELS, can, roleMay, type Role, type Target } from '../../../src/platform/policies.ts';
import { api, type UserQuery } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useReportError } from '../feedback.ts';
import { fmtDateTime, isFuture } from '../util.ts';
import { PageTitle } from '../components/PageState.tsx';
import { FilterBar, FilterSelect, ResetButton, SearchInput } from '../components/ListToolbar.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { SecretModal, type Secret } from '../components/SecretModal.tsx';
import { UserDrawer } from './users/UserDrawer.tsx';
import { UserStatus } from '../components/UserStatus.tsx';

interface Filters {
  unitId?: number;
  subunits: boolean;
  role?: Role;
  q?: string;
}

const EMPTY_FILTERS: Filters = { subunits: true };

export default function UsersPage() {
  const { me, subject } = useMe();
  const { t, l, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();

  const [units, setUnits] = useState<Unit[]>([]);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging(20, [10, 20, 50, 100]);
  const [drawer, setDrawer] = useState<User | 'new' | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [rowBusy, setRowBusy] = useState<number | null>(null);

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const targetOf = useCallback(
    (user: User): Target => ({ unitId: user.unitId, unitPath: unitById.get(user.unitId)?.path ?? '' }),
    [unitById],
  );
  const mayCreate = roleMay(me.role, 'user.manage');

  useEffect(() => {
    api.units().then(setUnits, reportError);
  }, [reportError]);

  const list = useRemote(() => api.users({ ...filters, page, pageSize } as UserQuery), [filters, page, pageSize]);
  const { reload } = list;

  const refresh = reload;
  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const resetPassword = async (user: User) => {
    setRowBusy(user.id);
    try {
      const r = await api.resetPassword(user.id);
      setSecret({ kind: 'temporary', username: user.username, displayName: user.displayName, password: r.temporaryPassword });
      refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setRowBusy(null);
    }
  };

  const unlock = async (user: User) => {
    setRowBusy(user.id);
    try {
      await api.unlockUser(user.id);
      void message.success(t('user.unlocked', { name: user.displayName }));
      refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setRowBusy(null);
    }
  };

  const mayAct = roleMay(me.role, 'user.manage') || roleMay(me.role, 'user.reset_password');
  const columns: TableColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      width: 170,
      render: (v: string, u) => (
        <Space size={4} wrap={false}>
          <Typography.Text code className="ls-username">
            {v}
          </Typography.Text>
          {u.id === me.id && <Tag color="blue">{t('user.me')}</Tag>}
        </Space>
      ),
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 100 },
    { title: t('user.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('user.role'), dataIndex: 'role', width: lang === 'zh' ? 120 : 150, render: (r: Role) => l(ROLE_LABELS[r]) },
    {
      title: t('user.scope'),
      dataIndex: 'scope',
      width: lang === 'zh' ? 110 : 150,
      render: (s: User['scope']) => l(SCOPE_LABELS[s]),
    },
    { title: t('user.status'), key: 'status', width: lang === 'zh' ? 130 : 200, render: (_v, u) => <UserStatus user={u} /> },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 136,
      render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('user.neverLoggedIn')}</Typography.Text>),
    },
  ];
  if (mayAct)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: lang === 'zh' ? 200 : 250,
      render: (_v, u) => {
        const target = targetOf(u);
        const mayEdit = can(subject, 'user.manage', target);
        const mayReset = can(subject, 'user.reset_password', target);
        const locked = isFuture(u.lockedUntil);
        if (!mayEdit && !mayReset) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={0} wrap>
            {mayEdit && (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer(u)} data-testid={`user-edit-${u.username}`}>
                {t('common.edit')}
              </Button>
            )}
            {mayReset && (
              <Popconfirm
                title={t('user.resetConfirmTitle', { name: u.displayName })}
                description={<div style={{ maxWidth: 300 }}>{t('user.resetConfirmBody')}</div>}
                okText={t('user.resetPassword')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => resetPassword(u)}
              >
                <Button type="link" size="small" icon={<KeyOutlined />} loading={rowBusy === u.id} data-testid={`user-reset-${u.username}`}>
                  {t('user.resetPassword')}
                </Button>
              </Popconfirm>
            )}
            {mayEdit && locked && (
              <Button
                type="link"
                size="small"
                icon={<UnlockOutlined />}
                onClick={() => unlock(u)}
                loading={rowBusy === u.id}
                data-testid={`user-unlock-${u.username}`}
              >
                {t('user.unlock')}
              </Button>
            )}
          </Space>
        );
      },
    });

  const roleOptions = ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS[r]) }));
  const filtered = filters.unitId !== undefined || filters.role !== undefined || !!filters.q;

  return (
    <div data-testid="page-users">
      <PageTitle
        title={t('users.title')}
        hint={t('users.hint')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer('new')} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <FilterBar onRefresh={refresh}>
        <UnitTreeSelect
          units={units}
          allowClear
          value={filters.unitId ?? null}
          onChange={(v: number | null) => setFilter({ unitId: v ?? undefined })}
          placeholder={t('users.filterUnit')}
          style={{ width: 260 }}
          data-testid="users-filter-unit"
        />
        <Space size={6}>
          <Switch
            size="small"
            checked={filters.subunits}
            disabled={filters.unitId === undefined}
            onChange={(v) => setFilter({ subunits: v })}
            data-testid="users-filter-subunits"
          />
          <Typography.Text type={filters.unitId === undefined ? 'secondary' : undefined}>{t('users.includeSubunits')}</Typography.Text>
        </Space>
        <FilterSelect<Role> placeholder={t('users.filterRole')} width={180} value={filters.role} onChange={(role) => setFilter({ role })} options={roleOptions} testId="users-filter-role" />
        <SearchInput
          placeholder={t('users.searchPlaceholder')}
          width={240}
          value={qInput}
          onValueChange={setQInput}
          onQuery={(q) => setFilter({ q })}
          testId="users-search"
        />
        <ResetButton
          onClick={() => {
            setFilters(EMPTY_FILTERS);
            setQInput('');
            setPage(1);
          }}
          disabled={!filtered}
        />
      </FilterBar>
      <PagedTable<User>
        testId="users-table"
        rowKey="id"
        remote={list}
        pagination={pagination}
        columns={columns}
        scroll={{ x: lang === 'zh' ? 1080 : 1300 }}
        rowClassName={(u) => (u.disabled ? 'ls-row-disabled' : '')}
        empty={filtered ? t('users.emptyFiltered') : mayCreate ? t('users.emptyCanCreate') : t('users.empty')}
      />
      {drawer !== null && (
        <UserDrawer
          target={drawer}
          units={units}
          onClose={() => setDrawer(null)}
          onSaved={(result) => {
            setDrawer(null);
            refresh();
            if (result.initialPassword) {
              setSecret({
                kind: 'initial',
                username: result.user.username,
                displayName: result.user.displayName,
                password: result.initialPassword,
              });
            }
          }}
        />
      )}
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
