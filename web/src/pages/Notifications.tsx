import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Segmented, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Notification } from '../../../src/modules/notifications/schema.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useReportError } from '../feedback.ts';
import { usePaging } from '../components/usePaging.ts';
import { useRemote } from '../components/useRemote.ts';
import { PageTitle } from '../components/PageState.tsx';
import { FilterBar } from '../components/ListToolbar.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import {
  NotificationKindTag,
  RelativeTime,
  notificationTarget,
  notificationsChanged,
  useNotificationsChanged,
} from '../components/NotificationBell.tsx';

type Filter = 'all' | 'unread';

export default function NotificationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const { page, pageSize, setPage, pagination } = usePaging(20, [10, 20, 50, 100]);
  const [busy, setBusy] = useState<number | 'all' | null>(null);

  const list = useRemote(
    () => api.notifications({ unread: filter === 'unread', page, pageSize }),
    [filter, page, pageSize],
  );
  const { data, reload } = list;
  // Read in the bell (or here): the list follows.
  useNotificationsChanged(reload);

  // The last page emptied (all of it read under 未读): step back one page.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) setPage(Math.max(1, Math.ceil(data.total / pageSize)));
  }, [data, page, pageSize, setPage]);

  const unread = data?.unread ?? 0;

  const markRead = async (n: Notification) => {
    setBusy(n.id);
    try {
      await api.readNotification(n.id);
      notificationsChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const open = async (n: Notification) => {
    if (!n.readAt) {
      try {
        await api.readNotification(n.id);
        notificationsChanged();
      } catch (e) {
        reportError(e);
      }
    }
    navigate(notificationTarget(n));
  };

  const readAll = async () => {
    setBusy('all');
    try {
      const r = await api.readAllNotifications();
      void message.success(t('notif.allReadDone', { n: r.updated }));
      notificationsChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notif.col.kind'),
      dataIndex: 'kind',
      width: lang === 'zh' ? 100 : 110,
      render: (k: string) => <NotificationKindTag kind={k} />,
    },
    {
      title: t('notif.col.content'),
      key: 'content',
      render: (_v, n) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => void open(n)} strong={!n.readAt} data-testid={`notif-open-${n.id}`}>
            {n.title}
          </Typography.Link>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: n.body }} style={{ margin: '2px 0 0', fontSize: 13 }}>
            {n.body}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('notif.col.time'),
      dataIndex: 'createdAt',
      width: 120,
      render: (v: string) => <RelativeTime at={v} />,
    },
    {
      title: t('notif.col.status'),
      key: 'status',
      width: 90,
      render: (_v, n) =>
        n.readAt ? (
          <Typography.Text type="secondary">{t('notif.status.read')}</Typography.Text>
        ) : (
          <Badge status="error" text={t('notif.status.unread')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: lang === 'zh' ? 170 : 210,
      render: (_v, n) => (
        <Space size={0} wrap>
          {n.matterId !== null && (
            <Button type="link" size="small" onClick={() => void open(n)}>
              {t('notif.openMatter')}
            </Button>
          )}
          {!n.readAt && (
            <Button type="link" size="small" loading={busy === n.id} onClick={() => void markRead(n)} data-testid={`notif-mark-${n.id}`}>
              {t('notif.markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-notifications">
      <PageTitle
        title={t('nav.notifications')}
        hint={t('notif.hint')}
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={busy === 'all'} onClick={() => void readAll()} data-testid="notif-page-read-all">
            {t('notif.markAllRead')}
          </Button>
        }
      />
      <FilterBar onRefresh={reload}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: <span data-testid="notif-filter-all">{t('notif.filterAll')}</span> },
            { value: 'unread', label: <span data-testid="notif-filter-unread">{t('notif.filterUnread')}</span> },
          ]}
        />
        <Typography.Text type="secondary" data-testid="notif-page-unread" data-unread={data ? unread : ''}>
          {t('notif.unreadCount', { n: unread })}
        </Typography.Text>
      </FilterBar>
      <PagedTable<Notification>
        testId="notif-table"
        rowKey="id"
        remote={list}
        pagination={pagination}
        columns={columns}
        scroll={{ x: 820 }}
        onRow={(n) => ({ 'data-unread': n.readAt ? 'false' : 'true' }) as React.HTMLAttributes<HTMLElement>}
        empty={
          filter === 'unread' ? (
            t('notif.emptyUnread')
          ) : (
            <>
              <div>{t('notif.empty')}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('notif.emptyHint')}
              </Typography.Text>
            </>
          )
        }
      />
    </div>
  );
}
