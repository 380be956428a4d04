/**
 * 常用视图: the list's address query saved under a name in this browser (localStorage
 * `luoshi.projects.views`) and applied again with one click. Views kept on the server can come later.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

export const VIEWS_KEY = 'luoshi.projects.views';

export interface SavedView {
  name: string;
  /** The address query without its "?". */
  query: string;
}

export function readViews(): SavedView[] {
  try {
    const raw = window.localStorage.getItem(VIEWS_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((v): v is SavedView => !!v && typeof v.name === 'string' && typeof v.query === 'string') : [];
  } catch {
    return [];
  }
}

function writeViews(views: readonly SavedView[]): void {
  try {
    window.localStorage.setItem(VIEWS_KEY, JSON.stringify(views));
  } catch {
    /* storage unavailable: the views live until the page closes */
  }
}

export function SavedViews({ query, onApply }: { query: string; onApply: (query: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [views, setViews] = useState<SavedView[]>(readViews);
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const update = (next: SavedView[]) => {
    setViews(next);
    writeViews(next);
  };

  const save = ({ name }: { name: string }) => {
    const n = name.trim();
    update([...views.filter((v) => v.name !== n), { name: n, query }]);
    setNaming(false);
    void message.success(t('project.views.saved', { name: n }));
  };

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
    ...(views.length ? [{ type: 'divider' as const }] : []),
    ...views.map((v) => ({
      key: `view:${v.name}`,
      label: (
        <Space style={{ width: '100%', justifyContent: 'space-between' }} data-testid="projects-view-item" data-name={v.name}>
          <span>{v.name}</span>
          <DeleteOutlined
            aria-label={t('common.delete')}
            data-testid="projects-view-delete"
            onClick={(e) => {
              e.stopPropagation();
              update(views.filter((x) => x.name !== v.name));
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
        <Button data-testid="projects-views">
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
          okButtonProps={{ 'data-testid': 'projects-view-save-ok' } as React.ComponentProps<typeof Button>}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{t('project.views.saveHint')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={save}>
            <Form.Item name="name" label={t('project.views.name')} rules={[{ required: true, whitespace: true, message: t('project.views.nameRequired') }]}>
              <Input maxLength={30} autoFocus data-testid="projects-view-name" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
