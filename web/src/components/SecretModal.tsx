import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { CopyOutlined, CheckOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';
import { copyText } from '../util.ts';

export interface Secret {
  /** Why the password exists: a new user or a reset. */
  kind: 'initial' | 'temporary';
  username: string;
  displayName: string;
  password: string;
}

/** Shows a generated password exactly once, with a copy button and a clear warning. */
export function SecretModal({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);

  const close = () => {
    setCopied(false);
    onClose();
  };

  return (
    <Modal
      open={secret !== null}
      title={secret?.kind === 'initial' ? t('secret.initialTitle') : t('secret.temporaryTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close} data-testid="secret-done">
          {t('secret.done')}
        </Button>
      }
    >
      {secret && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            {t('secret.forUser', { name: secret.displayName, username: secret.username })}
          </Typography.Text>
          <div className="ls-secret">
            <code data-testid="secret-value">{secret.password}</code>
            <Button
              icon={copied ? <CheckOutlined /> : <CopyOutlined />}
              onClick={async () => {
                const ok = await copyText(secret.password);
                if (ok) {
                  setCopied(true);
                  void message.success(t('secret.copied'));
                } else {
                  void message.warning(t('secret.copyFailed'));
                }
              }}
              data-testid="secret-copy"
            >
              {copied ? t('secret.copiedShort') : t('secret.copy')}
            </Button>
          </div>
          <Alert type="warning" showIcon title={t('secret.onlyOnce')} description={t('secret.mustChange')} />
        </Space>
      )}
    </Modal>
  );
}
