import { useState, type ReactNode } from 'react';
import { Button, Layout, Space } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Brand } from './Brand.tsx';
import { LangSwitch } from './LangSwitch.tsx';

/** The bare frame of the forced password change: nothing to do here but change it or leave. */
export function ForcedShell({ children }: { children: ReactNode }) {
  const { logout, me } = useAuth();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Layout className="ls-shell">
      <Layout.Header className="ls-header">
        <Brand />
        <Space size="middle" className="ls-header-right">
          {me && <span className="ls-header-name">{me.displayName}</span>}
          <LangSwitch dark />
          <Button
            type="text"
            size="small"
            icon={<LogoutOutlined />}
            className="ls-header-btn"
            loading={busy}
            data-testid="logout"
            onClick={async () => {
              setBusy(true);
              await logout();
              setBusy(false);
            }}
          >
            {t('logout.action')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="ls-content ls-content-center">{children}</Layout.Content>
    </Layout>
  );
}
