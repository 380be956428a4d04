/**
 * The bell in the header: my unread notices as a badge, the latest six in a popover. Each notice
 * opens its matter (and is marked read on the way); the page /notifications lists them all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Empty, Popover, Spin, Tag, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '../../../src/modules/notifications/schema.ts';
import { api } from '../api.ts';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { errorText, useReportError } from '../feedback.ts';
import { fmtDateTime } from '../util.ts';

// ---- shared with the notifications page ---------------------------------------------------------

const changeListeners = new Set<() => void>();

/** Tells the bell and the notifications page that notices were read here, so both show the same. */
export function notificationsChanged(): void {
  for (const f of changeListeners) f();
}

/** Calls `f` whenever notices were read anywhere in this window. */
export function useNotificationsChanged(f: () => void): void {
  const latest = useRef(f);
  useEffect(() => {
    latest.current = f;
  });
  useEffect(() => {
    const call = () => latest.current();
    changeListeners.add(call);
    return () => {
      changeListeners.delete(call);
    };
  }, []);
}

const KINDS: Record<string, { color: string; label: MsgKey }> = {
  red: { color: 'red', label: 'notif.kind.red' },
  yellow: { color: 'gold', label: 'notif.kind.yellow' },
  blue: { color: 'blue', label: 'notif.kind.blue' },
  escalate: { color: 'magenta', label: 'notif.kind.escalate' },
  sign: { color: 'orange', label: 'notif.kind.sign' },
  review: { color: 'purple', label: 'notif.kind.review' },
  extension: { color: 'cyan', label: 'notif.kind.extension' },
  rate: { color: 'green', label: 'notif.kind.rate' },
  report_missing: { color: 'volcano', label: 'notif.kind.reportMissing' },
};

/** What a notice is about, as a coloured tag: red overdue, yellow behind, blue due soon. */
export function NotificationKindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  const k = KINDS[kind];
  return (
    <Tag color={k?.color} data-kind={kind} style={{ marginInlineEnd: 0 }}>
      {t(k?.label ?? 'notif.kind.other')}
    </Tag>
  );
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", then the date; the exact time on hover. */
export function RelativeTime({ at }: { at: string }) {
  const { t } = useI18n();
  const ms = Date.now() - Date.parse(at);
  const min = Math.floor(ms / 60_000);
  let text: string;
  if (min < 1) text = t('notif.time.justNow');
  else if (min < 60) text = t('notif.time.minutes', { n: min });
  else if (min < 24 * 60) text = t('notif.time.hours', { n: Math.floor(min / 60) });
  else if (min < 7 * 24 * 60) text = t('notif.time.days', { n: Math.floor(min / (24 * 60)) });
  else text = fmtDateTime(at).slice(0, 10);
  return (
    <Tooltip title={fmtDateTime(at)}>
      <span>{text}</span>
    </Tooltip>
  );
}

/** Where a notice leads: its matter, or the list of notices. */
export const notificationTarget = (n: Notification): string =>
  n.matterId ? `/matters/${n.matterId}` : n.kind === 'report_missing' ? '/projects/reports?box=mine' : '/notifications';

// ---- the bell -------------------------------------------------------------------------------------

const POLL_MS = 60_000;
const LATEST = 6;

export function NotificationBell() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const [unread, setUnread] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [readingAll, setReadingAll] = useState(false);

  // Answers may come back out of order: only the newest request's count is shown.
  const sent = useRef(0);
  const shown = useRef(0);
  const fetchMine = useCallback(async (pageSize: number) => {
    const n = ++sent.current;
    const r = await api.notifications({ page: 1, pageSize });
    if (n > shown.current) {
      shown.current = n;
      setUnread(r.unread);
    }
    return r;
  }, []);

  const refreshCount = useCallback(() => {
    // A failed poll keeps the last count; an ended session is handled by the client (back to login).
    fetchMine(1).catch(() => undefined);
  }, [fetchMine]);

  const loadLatest = useCallback(async () => {
    setLoading(true);
    try {
      const r = await fetchMine(LATEST);
      setItems(r.items);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [fetchMine]);

  useNotificationsChanged(() => {
    if (open) void loadLatest();
    else refreshCount();
  });

  // The count is read at once, every minute while someone works in this tab, and whenever the tab
  // comes back. Every request counts as activity for the session's idle limit, so a tab that is
  // hidden or left alone does not poll: an unattended screen still signs out on time.
  useEffect(() => {
    let lastActive = Date.now();
    let missed = false;
    const visibleNow = () => {
      lastActive = Date.now();
      missed = false;
      refreshCount();
    };
    const onActivity = () => {
      lastActive = Date.now();
      if (missed && !document.hidden) visibleNow();
    };
    const onVisibility = () => {
      if (!document.hidden) visibleNow();
    };
    const tick = () => {
      if (document.hidden || Date.now() - lastActive > POLL_MS) {
        missed = true;
        return;
      }
      refreshCount();
    };
    refreshCount();
    const timer = window.setInterval(tick, POLL_MS);
    const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    for (const ev of activity) window.addEventListener(ev, onActivity, { passive: true });
    window.addEventListener('focus', visibleNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      for (const ev of activity) window.removeEventListener(ev, onActivity);
      window.removeEventListener('focus', visibleNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refreshCount]);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void loadLatest();
  };

  const openItem = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      setUnread((u) => (u === null ? u : Math.max(0, u - 1)));
      try {
        await api.readNotification(n.id);
      } catch (e) {
        reportError(e);
      }
      notificationsChanged();
    }
    navigate(notificationTarget(n));
  };

  const readAll = async () => {
    setReadingAll(true);
    try {
      const r = await api.readAllNotifications();
      void message.success(t('notif.allReadDone', { n: r.updated }));
      notificationsChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setReadingAll(false);
    }
  };

  let body;
  if (error !== null && !items) {
    body = (
      <div style={{ padding: '16px 12px' }}>
        <Typography.Text type="danger">{t('notif.loadFailed', { error: errorText(error, lang, t('error.unexpected')) })}</Typography.Text>{' '}
        <Typography.Link onClick={() => void loadLatest()}>{t('common.retry')}</Typography.Link>
      </div>
    );
  } else if (!items) {
    body = (
      <div style={{ padding: 32, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  } else if (items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} style={{ margin: '24px 0' }} />;
  } else {
    body = (
      <Spin spinning={loading}>
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {items.map((n) => (
            <Button
              key={n.id}
              type="text"
              block
              onClick={() => void openItem(n)}
              data-testid={`notif-item-${n.id}`}
              data-unread={n.readAt ? 'false' : 'true'}
              data-matter={n.matterId ?? ''}
              style={{
                height: 'auto',
                display: 'block',
                textAlign: 'left',
                whiteSpace: 'normal',
                padding: '8px 10px',
                borderRadius: 4,
                background: n.readAt ? undefined : '#fff7f5',
              }}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                <NotificationKindTag kind={n.kind} />
                <Typography.Text strong={!n.readAt} ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {n.title}
                </Typography.Text>
                {!n.readAt && <Badge status="error" />}
              </div>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 12 }}>
                {n.body}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <RelativeTime at={n.createdAt} />
              </Typography.Text>
            </Button>
          ))}
        </div>
      </Spin>
    );
  }

  const content = (
    <div style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }} data-testid="notif-popover">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', padding: '0 4px 8px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('notif.latest')}</Typography.Text>
        {!!unread && <Typography.Text type="secondary">{t('notif.unreadCount', { n: unread })}</Typography.Text>}
      </div>
      {body}
      <div style={{ display: 'flex', justifyContent: 'space-between', paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
        <Button type="link" size="small" disabled={!unread} loading={readingAll} onClick={() => void readAll()} data-testid="notif-read-all">
          {t('notif.markAllRead')}
        </Button>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
          data-testid="notif-view-all"
        >
          {t('notif.viewAll')}
        </Button>
      </div>
    </div>
  );

  const label = unread ? t('notif.bellUnread', { n: unread }) : t('notif.bell');
  return (
    <Popover open={open} onOpenChange={onOpenChange} trigger="click" placement="bottomRight" content={content} arrow={false}>
      <Button type="text" size="small" className="ls-header-btn" aria-label={label} title={label} data-testid="notif-bell" data-unread={unread ?? ''}>
        <Badge
          count={unread ?? 0}
          overflowCount={99}
          size="small"
          offset={[2, -2]}
          color="#fff"
          styles={{ indicator: { color: '#a8201a', fontWeight: 600, boxShadow: '0 0 0 1px #a8201a' } }}
          data-testid="notif-bell-badge"
        >
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
