/**
 * 常用视图: the list's address query saved under a name on the server (the user's own, in any
 * browser) and applied again with one click. Views an earlier version kept in this browser
 * (localStorage `luoshi.projects.views`) are moved to the server once.
 */
import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { api, type SavedView } from '../../api.ts';
import { useFormErrorHandler, useReportError } from '../../feedback.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRemote } from '../../components/useRemote.ts';

/** Where views were kept in the browser before they lived on the server. */
export const VIEWS_KEY = 'luoshi.projects.views';

function browserViews(): { name: string; query: string }[] {
  try {
    const raw = window.localStorage.getItem(VIEWS_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((v): v is { name: string; query: string } => !!v && typeof v.name === 'string' && typeof v.query === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the browser's views to the server, then forgets them here. */
async function moveBrowserViews(): Promise<void> {
  const old = browserViews();
  if (old.length === 0) return;
  for (const v of old) await api.saveView({ page: 'projects', name: v.name.trim().slice(0, 30) || '视图', query: v.query.replace(/^\?/, '').slice(0, 2000) });
  window.localStorage.removeItem(VIEWS_KEY);
}

export function SavedViews({ query, onApply }: { query: string; onApply: (query: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const report = useReportError();
  const formError = useFormErrorHandler();
  const [moved, setMoved] = useState(false);
  const views = useRemote<SavedView[]>(async () => (moved ? (await api.views('projects')).items : []), [moved]);
  const [naming, setNaming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  useEffect(() => {
    moveBrowserViews()
      .catch(() => undefined)
      .finally(() => setMoved(true));
  }, []);

  const save = async ({ name }: { name: string }) => {
    setSaving(true);
    try {
      const v = await api.saveView({ page: 'projects', name, query });
      setNaming(false);
      views.reload();
      void message.success(t('project.views.saved', { name: v.name }));
    } catch (e) {
      formError(form, e, ['name']);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (v: SavedView) => {
    try {
      await api.deleteView(v.id);
    } catch (e) {
      report(e);
    }
    views.reload();
  };

  const list = views.data ?? [];
  const items: MenuProps['items'] = [
    {
      key: '__save',
      icon: <SaveOutlined />,
      label: <span data-testid="projects-view-save">{t('project.views.save')}</span>,
      onClick: () => {
        form.resetFields();
        setNaming(true);
      },
    },
    ...(list.length ? [{ type: 'divider' as const }] : []),
    ...list.map((v) => ({
      key: `view:${v.id}`,
      label: (
        <Space style={{ width: '100%', justifyContent: 'space-between' }} data-testid="projects-view-item" data-name={v.name}>
          <span>{v.name}</span>
          <DeleteOutlined
            aria-label={t('common.delete')}
            data-testid="projects-view-delete"
            onClick={(e) => {
              e.stopPropagation();
              void remove(v);
            }}
          />
        </Space>
      ),
      onClick: () => onApply(v.query),
    })),
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button data-testid="projects-views" loading={views.loading && !views.data}>
          <Space size={4}>
            {t('project.views.title')}
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      {naming && (
        <Modal
          open
          width={420}
          title={t('project.views.saveTitle')}
          onCancel={() => setNaming(false)}
          onOk={() => form.submit()}
          okText={t('common.save')}
          okButtonProps={{ 'data-testid': 'projects-view-save-ok', loading: saving } as React.ComponentProps<typeof Button>}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{t('project.views.saveHint')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
            <Form.Item name="name" label={t('project.views.name')} rules={[{ required: true, whitespace: true, message: t('project.views.nameRequired') }]}>
              <Input maxLength={30} autoFocus data-testid="projects-view-name" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
