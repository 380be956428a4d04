/**
 * A unit's group robots (消息推送): the DingTalk and WeCom robots its reminders are sent to, with
 * their recent deliveries, a test message, and adding, editing, switching off and deleting them.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import {
  WEBHOOK_KIND_LABELS,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookKind,
  type WebhookTestResult,
} from '../../../../src/modules/notifications/schema.ts';
import { api, isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText, useFormErrorHandler, useReportError } from '../../feedback.ts';
import { fmtDateTime } from '../../util.ts';
import { useRemote } from '../../components/useRemote.ts';
import { LoadFailedInline } from '../../components/PageState.tsx';

const KIND_COLORS: Record<WebhookKind, string> = { dingtalk: 'blue', wecom: 'green', email: 'default' };

/** The robot's address with its access token shortened: enough to tell robots apart, not to use one. */
export function maskedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const short = (v: string) => (v.length <= 8 ? '****' : `${v.slice(0, 4)}…${v.slice(-4)}`);
    const query = [...u.searchParams].map(([k, v]) => `${k}=${short(v)}`).join('&');
    return `${u.protocol}//${u.host}${u.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return raw;
  }
}

const without = <T,>(all: Record<number, T>, id: number): Record<number, T> => Object.fromEntries(Object.entries(all).filter(([k]) => Number(k) !== id));

interface Props {
  unit: Unit;
  onClose: () => void;
}

export function WebhooksDrawer({ unit, onClose }: Props) {
  const { t, l, lang } = useI18n();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const { data, loading, error, reload } = useRemote(() => api.webhooks(unit.id), [unit.id]);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [results, setResults] = useState<Record<number, WebhookTestResult>>({});

  const conflict = () => {
    modal.warning({ title: t('conflict.title'), content: t('conflict.body') });
    setEditing(null);
    reload();
  };
  const failed = (e: unknown) => {
    if (isApiError(e) && e.code === 'VERSION_CONFLICT') conflict();
    else if (isApiError(e) && e.code === 'NOT_FOUND') {
      reportError(e);
      reload();
    } else reportError(e);
  };

  const toggle = async (w: Webhook, enabled: boolean) => {
    setBusy(w.id);
    try {
      await api.updateWebhook(unit.id, w.id, { version: w.version, enabled });
      void message.success(enabled ? t('webhook.turnedOn') : t('webhook.turnedOff'));
      reload();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (w: Webhook) => {
    setBusy(w.id);
    try {
      await api.deleteWebhook(unit.id, w.id, w.version);
      void message.success(t('webhook.deleted'));
      reload();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const test = async (w: Webhook) => {
    setTesting(w.id);
    setResults((all) => without(all, w.id));
    try {
      const r = await api.testWebhook(unit.id, w.id);
      setResults((all) => ({ ...all, [w.id]: r }));
    } catch (e) {
      failed(e);
    } finally {
      setTesting(null);
    }
  };

  const robot = (w: Webhook) => {
    const result = results[w.id];
    const { sent, failed: lost, pending, lastError } = w.deliveries;
    return (
      <Card
        key={w.id}
        size="small"
        data-testid={`webhook-${w.id}`}
        data-kind={w.kind}
        style={{ marginBottom: 12, opacity: w.enabled ? 1 : 0.75 }}
        title={
          <Space size={6} wrap>
            <Tag color={KIND_COLORS[w.kind]} style={{ marginInlineEnd: 0 }}>
              {l(WEBHOOK_KIND_LABELS[w.kind])}
            </Tag>
            {w.name && <Typography.Text strong data-testid={`webhook-name-${w.id}`}>{w.name}</Typography.Text>}
            {w.hasSecret && <Tag style={{ marginInlineEnd: 0 }}>{t('webhook.signed')}</Tag>}
            {!w.enabled && <Tag style={{ marginInlineEnd: 0 }}>{t('common.inactive')}</Tag>}
          </Space>
        }
        extra={
          <Switch
            checked={w.enabled}
            loading={busy === w.id}
            checkedChildren={t('common.active')}
            unCheckedChildren={t('common.inactive')}
            onChange={(v) => void toggle(w, v)}
            aria-label={t('webhook.enabled')}
            data-testid={`webhook-enabled-${w.id}`}
          />
        }
      >
        <Typography.Text code copyable={false} style={{ wordBreak: 'break-all' }} data-testid={`webhook-url-${w.id}`}>
          {w.kind === 'email' ? w.url : maskedUrl(w.url)}
        </Typography.Text>
        <div style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('webhook.stats', { sent, failed: lost, pending })} · {t('webhook.addedAt', { time: fmtDateTime(w.createdAt) })}
          </Typography.Text>
        </div>
        {lastError && (
          <div>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('webhook.lastError', { error: lastError })}
            </Typography.Text>
          </div>
        )}
        {result && (
          <Alert
            style={{ marginTop: 8 }}
            type={result.ok ? 'success' : 'error'}
            showIcon
            closable={{ onClose: () => setResults((all) => without(all, w.id)) }}
            title={result.ok ? t('webhook.testOk') : t('webhook.testFailed', { error: result.error ?? `HTTP ${result.status ?? '?'}` })}
            description={result.ok ? undefined : t('webhook.testHint')}
            data-testid={`webhook-test-result-${w.id}`}
            data-ok={result.ok ? 'true' : 'false'}
          />
        )}
        <Space size={4} wrap style={{ marginTop: 8 }}>
          {w.kind !== 'email' && (
            <Button size="small" icon={<SendOutlined />} loading={testing === w.id} onClick={() => void test(w)} data-testid={`webhook-test-${w.id}`}>
              {t('webhook.test')}
            </Button>
          )}
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(w)} data-testid={`webhook-edit-${w.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('webhook.deleteConfirm')}
            description={<div style={{ maxWidth: 280 }}>{t('webhook.deleteConfirmBody')}</div>}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(w)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} disabled={busy === w.id} data-testid={`webhook-delete-${w.id}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      </Card>
    );
  };

  let list;
  if (!data && error !== null) list = null;
  else if (!data) list = <Spin style={{ display: 'block', margin: '40px auto' }} />;
  else if (data.length === 0)
    list = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('webhook.empty')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('webhook.add')}
        </Button>
      </Empty>
    );
  else list = <Spin spinning={loading}>{data.map(robot)}</Spin>;

  return (
    <Drawer
      open
      size={600}
      title={t('webhook.drawerTitle', { unit: unit.name })}
      onClose={onClose}
      destroyOnHidden
      data-testid="webhooks-drawer"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="webhook-add">
          {t('webhook.add')}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('webhook.intro')}
        description={<span style={{ fontSize: 12 }}>{t('webhook.howto')}</span>}
      />
      {error !== null && <LoadFailedInline error={errorText(error, lang, t('error.unexpected'))} onRetry={reload} />}
      <div data-testid="webhooks-list" style={{ marginTop: error !== null ? 12 : 0 }}>
        {list}
      </div>
      {editing !== null && (
        <WebhookForm
          unit={unit}
          target={editing}
          onClose={() => setEditing(null)}
          onConflict={conflict}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Drawer>
  );
}

// ---- the add and edit form ----------------------------------------------------------------------

interface Values {
  kind: WebhookKind;
  name?: string;
  url: string;
  secret?: string;
  removeSecret?: boolean;
  enabled: boolean;
}

const FIELDS = ['kind', 'name', 'url', 'secret', 'enabled'] as const;

function WebhookForm(props: { unit: Unit; target: Webhook | 'new'; onClose: () => void; onSaved: () => void; onConflict: () => void }) {
  const { unit, target, onClose, onSaved, onConflict } = props;
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const creating = target === 'new';
  const hook = creating ? null : target;
  const kind = Form.useWatch('kind', form) ?? hook?.kind ?? 'dingtalk';
  const removeSecret = Form.useWatch('removeSecret', form) ?? false;
  const kinds: WebhookKind[] = hook?.kind === 'email' ? ['email'] : ['dingtalk', 'wecom'];

  const submit = async (v: Values) => {
    const url = v.url.trim();
    const name = (v.name ?? '').trim();
    const secret = v.secret?.trim() || undefined;
    setBusy(true);
    try {
      if (!hook) {
        await api.createWebhook(unit.id, { kind: v.kind, name, url, enabled: v.enabled, ...(v.kind === 'dingtalk' && secret ? { secret } : {}) });
        void message.success(t('webhook.created'));
        onSaved();
        return;
      }
      const body: UpdateWebhookBody = { version: hook.version };
      if (name !== hook.name) body.name = name;
      if (url !== hook.url) body.url = url;
      if (hook.kind === 'dingtalk') {
        if (removeSecret && hook.hasSecret) body.secret = null;
        else if (secret) body.secret = secret;
      }
      if (v.enabled !== hook.enabled) body.enabled = v.enabled;
      if (Object.keys(body).length === 1) {
        void message.info(t('common.noChanges'));
        onClose();
        return;
      }
      await api.updateWebhook(unit.id, hook.id, body);
      void message.success(t('webhook.saved'));
      onSaved();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') onConflict();
      else onFormError(form, e, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  const urlLabel = kind === 'email' ? t('webhook.emailAddress') : t('webhook.url');
  return (
    <Modal
      open
      title={creating ? t('webhook.addTitle') : t('webhook.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      mask={{ closable: false }}
      data-testid="webhook-form"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="webhook-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={busy}
        requiredMark="optional"
        onFinish={submit}
        initialValues={hook ? { kind: hook.kind, name: hook.name, url: hook.url, enabled: hook.enabled, removeSecret: false } : { kind: 'dingtalk', name: '', url: '', enabled: true }}
      >
        <Form.Item name="kind" label={t('webhook.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            disabled={!creating}
            options={kinds.map((k) => ({ value: k, label: <span data-testid={`webhook-kind-${k}`}>{l(WEBHOOK_KIND_LABELS[k])}</span> }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('webhook.name')} extra={t('webhook.nameHelp')}>
          <Input maxLength={50} placeholder={t('webhook.namePlaceholder')} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={urlLabel}
          extra={kind === 'dingtalk' ? t('webhook.urlHelp.dingtalk') : kind === 'wecom' ? t('webhook.urlHelp.wecom') : undefined}
          rules={[
            { required: true, whitespace: true, message: t('webhook.urlRequired') },
            { max: 500, message: t('common.maxLength', { n: 500 }) },
            {
              validator: async (_r, value: string | undefined) => {
                if (!value?.trim() || kind === 'email') return;
                let ok = false;
                try {
                  const u = new URL(value.trim());
                  ok = u.protocol === 'https:' || u.protocol === 'http:';
                } catch {
                  ok = false;
                }
                if (!ok) throw new Error(t('webhook.urlInvalid'));
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} spellCheck={false} autoComplete="off" data-testid="webhook-url" />
        </Form.Item>
        {kind === 'dingtalk' && (
          <>
            <Form.Item
              name="secret"
              label={t('webhook.secret')}
              extra={hook?.hasSecret ? t('webhook.secretKeep') : t('webhook.secretHelp')}
              rules={[{ max: 200, message: t('common.maxLength', { n: 200 }) }]}
            >
              <Input.Password maxLength={200} autoComplete="new-password" disabled={removeSecret} placeholder="SEC…" data-testid="webhook-secret" />
            </Form.Item>
            {hook?.hasSecret && (
              <Form.Item name="removeSecret" valuePropName="checked" style={{ marginTop: -8 }}>
                <Checkbox data-testid="webhook-remove-secret">{t('webhook.secretRemove')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="enabled" label={t('webhook.enabled')} valuePropName="checked" extra={t('webhook.enabledHelp')}>
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} data-testid="webhook-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
