import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined, LogoutOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SessionInfo } from '../../../src/modules/auth/schema.ts';
import { ROLE_LABELS, SCOPE_LABELS } from '../../../src/platform/policies.ts';
import { api } from '../api.ts';
import { useAuth, useMe } from '../auth.tsx';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { errorText, useReportError } from '../feedback.ts';
import { fmtDateTime } from '../util.ts';
import { scopeInWords } from '../scope.ts';
import { PageTitle } from '../components/PageState.tsx';

/** A short, human name for a browser from its user-agent string. */
function describeAgent(ua: string | null, t: I18n['t']): string {
  if (!ua) return t('account.unknownDevice');
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /QQBrowser/.test(ua)
      ? t('account.browserQQ')
      : /360SE|360EE/.test(ua)
        ? t('account.browser360')
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Chrome\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : '';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const parts = [browser, os].filter(Boolean);
  return parts.length ? parts.join(' · ') : ua.slice(0, 40);
}

export default function AccountPage() {
  const { me } = useMe();
  const { forget } = useAuth();
  const { t, l, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'others' | 'all' | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await api.sessions();
      setSessions([...list].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt)));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const revoke = async (keepCurrent: boolean) => {
    setBusy(keepCurrent ? 'others' : 'all');
    try {
      const r = await api.revokeSessions(keepCurrent);
      if (keepCurrent) {
        void message.success(t('account.revokedOthers', { n: r.revoked }));
        await load();
      } else {
        forget('signedOutEverywhere');
      }
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const others = sessions?.filter((s) => !s.current).length ?? 0;

  const columns: TableColumnsType<SessionInfo> = [
    {
      title: t('account.device'),
      dataIndex: 'userAgent',
      render: (ua: string | null, s) => (
        <Space>
          <Tooltip title={ua ?? undefined}>
            <span>{describeAgent(ua, t)}</span>
          </Tooltip>
          {s.current && <Tag color="green">{t('account.current')}</Tag>}
        </Space>
      ),
    },
    { title: t('account.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    { title: t('account.signedInAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => fmtDateTime(v) },
    { title: t('account.lastSeen'), dataIndex: 'lastSeenAt', width: 140, render: (v: string) => fmtDateTime(v) },
  ];

  return (
    <div data-testid="page-account">
      <PageTitle title={t('account.title')} hint={t('account.hint')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            title={t('account.info')}
            extra={
              <Button icon={<KeyOutlined />} onClick={() => navigate('/change-password')} data-testid="account-change-password">
                {t('account.changePassword')}
              </Button>
            }
          >
            <Descriptions
              column={1}
              size="small"
              bordered
              styles={{ label: { width: 120 } }}
              items={[
                { key: 'name', label: t('home.displayName'), children: me.displayName },
                { key: 'username', label: t('home.username'), children: <Typography.Text code>{me.username}</Typography.Text> },
                { key: 'unit', label: t('home.unit'), children: me.unit.name },
                { key: 'role', label: t('home.role'), children: l(ROLE_LABELS[me.role]) },
                {
                  key: 'scope',
                  label: t('home.scope'),
                  children: `${l(SCOPE_LABELS[me.scope])} — ${scopeInWords(t, me.scope, me.unit.name)}`,
                },
                { key: 'idle', label: t('home.session'), children: t('home.sessionIdle', { minutes: me.sessionIdleMinutes }) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t('account.sessions')}
            extra={
              <Space wrap>
                <Tooltip title={t('common.refresh')}>
                  <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
                </Tooltip>
                <Popconfirm
                  title={t('account.revokeOthersConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke(true)}
                  disabled={others === 0}
                >
                  <Button disabled={others === 0} loading={busy === 'others'} data-testid="sessions-revoke-others">
                    {t('account.revokeOthers')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('account.revokeAllConfirm')}
                  description={t('account.revokeAllBody')}
                  okText={t('account.revokeAll')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke(false)}
                >
                  <Button danger icon={<LogoutOutlined />} loading={busy === 'all'} data-testid="sessions-revoke-all">
                    {t('account.revokeAll')}
                  </Button>
                </Popconfirm>
              </Space>
            }
          >
            {loadError !== null && !sessions ? (
              <Typography.Text type="danger">{errorText(loadError, lang, t('error.unexpected'))}</Typography.Text>
            ) : (
              <Table<SessionInfo>
                data-testid="sessions-table"
                rowKey="id"
                size="small"
                loading={sessions === null}
                columns={columns}
                dataSource={sessions ?? []}
                pagination={false}
                rowClassName={(s) => (s.current ? 'ls-row-current' : '')}
                scroll={{ x: 600 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('account.noSessions')} /> }}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('account.sessionsHelp', { minutes: me.sessionIdleMinutes })}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
