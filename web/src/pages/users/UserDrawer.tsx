import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import type { CreateUserBody, UpdateUserBody, User } from '../../../../src/modules/users/schema.ts';
import { passwordProblems } from '../../../../src/modules/auth/schema.ts';
import {
  ROLES,
  ROLE_LABELS,
  ROLE_SCOPES,
  SCOPE_LABELS,
  can,
  mayGrant,
  type Role,
  type Scope,
} from '../../../../src/platform/policies.ts';
import { api, isApiError, type CreateUserResultT } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFormErrorHandler } from '../../feedback.ts';
import { fmtDateTime } from '../../util.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { PasswordChecklist } from '../../components/PasswordChecklist.tsx';
import { UserStatus } from '../../components/UserStatus.tsx';

interface Values {
  username?: string;
  displayName: string;
  unitId?: number;
  role?: Role;
  scope?: Scope;
  phone?: string;
  password?: string;
  disabled?: boolean;
}

const FIELDS = ['username', 'displayName', 'unitId', 'role', 'scope', 'phone', 'password', 'disabled'] as const;
const USERNAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const PHONE_RE = /^[0-9+\- ]{5,20}$/;

interface Props {
  target: User | 'new';
  units: Unit[];
  onClose: () => void;
  onSaved: (result: CreateUserResultT) => void;
}

/** Create a user, or edit one: role, scope, unit, phone, disabled. */
export function UserDrawer({ target, units, onClose, onSaved }: Props) {
  const { me, subject } = useMe();
  const { t, l } = useI18n();
  const { modal, message } = App.useApp();
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const creating = target === 'new';
  const user = creating ? null : target;

  const role = Form.useWatch('role', form);
  const unitId = Form.useWatch('unitId', form);
  const scope = Form.useWatch('scope', form);
  const username = Form.useWatch('username', form) ?? user?.username ?? '';
  const password = Form.useWatch('password', form) ?? '';

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const unit = unitId === undefined ? undefined : unitById.get(unitId);

  /** The scopes the role may have, narrowed to what this actor may hand out at the chosen unit. */
  const scopeOptions = useMemo<Scope[]>(() => {
    if (!role) return [];
    return ROLE_SCOPES[role].filter((s) =>
      unit
        ? mayGrant(subject, { role, scope: s, unit: { unitId: unit.id, unitPath: unit.path } })
        : s !== 'city' || subject.scope === 'city',
    );
  }, [role, unit, subject]);

  /** An existing grant stays selectable as it is, even when this actor could not hand it out. */
  const keepsOwnScope = !!user && role === user.role && unitId === user.unitId;
  const shownScopes: Scope[] =
    keepsOwnScope && user && !scopeOptions.includes(user.scope) ? [user.scope, ...scopeOptions] : scopeOptions;

  // Keep the scope valid when the role or unit changes: fall back to the role's default.
  useEffect(() => {
    if (!role || keepsOwnScope) return;
    if (!scope || !scopeOptions.includes(scope)) {
      form.setFieldValue('scope', scopeOptions[0]);
    }
  }, [role, scope, scopeOptions, keepsOwnScope, form]);

  const initial: Partial<Values> = user
    ? {
        displayName: user.displayName,
        unitId: user.unitId,
        role: user.role,
        scope: user.scope,
        phone: user.phone ?? '',
        disabled: user.disabled,
      }
    : { role: 'unit_clerk', scope: 'unit', unitId: can(subject, 'user.manage', { unitId: me.unit.id, unitPath: me.unit.path }) ? me.unit.id : undefined };

  const submit = async (v: Values) => {
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    if (!v.role || !v.scope || v.unitId === undefined) return;

    if (creating) {
      const body: CreateUserBody = {
        username: (v.username ?? '').trim(),
        displayName: v.displayName.trim(),
        unitId: v.unitId,
        role: v.role,
        scope: v.scope,
        ...(phone ? { phone } : {}),
        ...(v.password ? { password: v.password } : {}),
      };
      setBusy(true);
      try {
        const result = await api.createUser(body);
        void message.success(t('user.created', { name: result.user.displayName }));
        onSaved(result);
      } catch (e) {
        onFormError(form, e, FIELDS);
      } finally {
        setBusy(false);
      }
      return;
    }

    if (!user) return;
    const body: UpdateUserBody = { version: user.version };
    if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
    if (v.unitId !== user.unitId) body.unitId = v.unitId;
    if (v.role !== user.role) body.role = v.role;
    if (v.scope !== user.scope) body.scope = v.scope;
    if (phone !== user.phone) body.phone = phone;
    if (v.disabled !== undefined && v.disabled !== user.disabled) body.disabled = v.disabled;
    if (Object.keys(body).length === 1) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }

    const save = async () => {
      setBusy(true);
      try {
        const saved = await api.updateUser(user.id, body);
        void message.success(t('user.saved', { name: saved.displayName }));
        onSaved({ user: saved, initialPassword: null });
      } catch (e) {
        if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
          modal.warning({ title: t('conflict.title'), content: t('conflict.body') });
          onSaved({ user, initialPassword: null });
        } else {
          onFormError(form, e, FIELDS);
        }
      } finally {
        setBusy(false);
      }
    };

    const warnings: string[] = [];
    if (body.disabled === true) warnings.push(t('user.disableWarning', { name: user.displayName }));
    if (user.id === me.id && (body.role || body.scope || body.unitId || body.disabled)) warnings.push(t('user.selfWarning'));
    if (warnings.length) {
      modal.confirm({
        title: t('user.confirmSaveTitle'),
        content: warnings.map((w) => <p key={w}>{w}</p>),
        okText: t('common.save'),
        okButtonProps: { danger: body.disabled === true },
        cancelText: t('common.cancel'),
        onOk: save,
      });
    } else {
      await save();
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={creating ? t('user.createTitle') : t('user.editTitle', { name: user?.displayName ?? '' })}
      onClose={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="user-drawer"
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-save">
            {creating ? t('user.createSubmit') : t('common.save')}
          </Button>
        </Space>
      }
    >
      {user && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'u', label: t('user.username'), children: <Typography.Text code>{user.username}</Typography.Text> },
            { key: 's', label: t('user.status'), children: <UserStatus user={user} /> },
            { key: 'c', label: t('user.createdAt'), children: fmtDateTime(user.createdAt) },
            { key: 'l', label: t('user.lastLogin'), children: user.lastLoginAt ? fmtDateTime(user.lastLoginAt) : t('user.neverLoggedIn') },
          ]}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy} requiredMark="optional">
        <Row gutter={16}>
          {creating && (
            <Col span={12}>
              <Form.Item
                name="username"
                label={t('user.username')}
                extra={t('user.usernameHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('user.usernameRequired') },
                  { min: 3, max: 32, message: t('user.usernameLength') },
                  { pattern: USERNAME_RE, message: t('user.usernamePattern') },
                ]}
              >
                <Input maxLength={32} autoComplete="off" data-testid="user-username" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="displayName"
              label={t('user.displayName')}
              rules={[
                { required: true, whitespace: true, message: t('user.displayNameRequired') },
                { max: 50, message: t('common.maxLength', { n: 50 }) },
              ]}
            >
              <Input maxLength={50} data-testid="user-displayname" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="unitId" label={t('user.unit')} rules={[{ required: true, message: t('user.unitRequired') }]}>
              <UnitTreeSelect
                units={units}
                hideInactive
                isDisabled={(u) => !can(subject, 'user.manage', { unitId: u.id, unitPath: u.path })}
                data-testid="user-unit"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label={t('user.role')} rules={[{ required: true, message: t('user.roleRequired') }]}>
              <Select<Role>
                options={ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS[r]) }))}
                data-testid="user-role"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="scope"
              label={t('user.scope')}
              tooltip={t('user.scopeHelp')}
              rules={[{ required: true, message: t('user.scopeRequired') }]}
            >
              <Select<Scope>
                options={shownScopes.map((s) => ({ value: s, label: l(SCOPE_LABELS[s]) }))}
                notFoundContent={t('user.noGrantableScope')}
                data-testid="user-scope"
              />
            </Form.Item>
          </Col>
          {role && shownScopes.length === 0 && (
            <Col span={24}>
              <Alert type="warning" showIcon title={t('user.noGrantableScope')} style={{ marginBottom: 16 }} />
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="phone" label={t('user.phone')} rules={[{ pattern: PHONE_RE, message: t('user.phoneInvalid') }]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          {!creating && (
            <Col span={12}>
              <Form.Item name="disabled" label={t('user.disabledLabel')} valuePropName="checked" extra={t('user.disabledHelp')} required>
                <Switch checkedChildren={t('user.status.disabled')} unCheckedChildren={t('user.status.ok')} data-testid="user-disabled" />
              </Form.Item>
            </Col>
          )}
          {creating && (
            <Col span={24}>
              <Form.Item
                name="password"
                label={t('user.initialPassword')}
                extra={
                  password ? (
                    <PasswordChecklist password={password} username={username} />
                  ) : (
                    t('user.initialPasswordHelp')
                  )
                }
                rules={[
                  {
                    validator: async (_r, value: string | undefined) => {
                      if (!value) return;
                      const problems = passwordProblems(value, username || undefined);
                      if (problems.length) throw new Error(problems.map((p) => l(p)).join('；'));
                    },
                  },
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={256} placeholder={t('user.initialPasswordPlaceholder')} data-testid="user-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
