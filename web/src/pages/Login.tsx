import { useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { InputRef } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, isApiError } from '../api.ts';
import { useAuth, type LoginNotice } from '../auth.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { errorDetails, fmtClock } from '../util.ts';
import { Brand } from '../components/Brand.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';

interface LoginForm {
  username: string;
  password: string;
}

const NOTICES: Record<LoginNotice, { type: 'warning' | 'success' | 'info'; key: MsgKey }> = {
  sessionExpired: { type: 'warning', key: 'login.notice.sessionExpired' },
  signedOut: { type: 'success', key: 'login.notice.signedOut' },
  signedOutEverywhere: { type: 'success', key: 'login.notice.signedOutEverywhere' },
};

export default function LoginPage() {
  const { me, signedIn, notice, clearNotice } = useAuth();
  const { t, lang } = useI18n();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<InputRef>(null);

  if (me) {
    if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const explain = (e: unknown): string => {
    if (!isApiError(e)) return t('error.unexpected');
    switch (e.code) {
      case 'AUTH_INVALID_CREDENTIALS':
        return t('login.error.invalid');
      case 'AUTH_LOCKED': {
        const until = errorDetails(e.details).lockedUntil;
        const time = typeof until === 'string' ? fmtClock(until) : '';
        return time ? t('login.error.lockedUntil', { time }) : t('login.error.locked');
      }
      case 'AUTH_DISABLED':
        return t('login.error.disabled');
      case 'RATE_LIMITED':
        return t('login.error.rateLimited');
      case 'NETWORK':
        return t('login.error.network');
      default:
        return errorText(e, lang, t('error.unexpected'));
    }
  };

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    clearNotice();
    try {
      const result = await api.login({ username: values.username.trim(), password: values.password });
      signedIn(result.user);
    } catch (e) {
      setError(explain(e));
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const shown = notice ? NOTICES[notice] : null;

  return (
    <div className="ls-login" data-testid="page-login">
      <div className="ls-login-top">
        <LangSwitch />
      </div>
      <Card className="ls-login-card" variant="borderless">
        <div className="ls-login-brand">
          <Brand large />
        </div>
        <Typography.Paragraph type="secondary" className="ls-login-tagline">
          {t('login.tagline')}
        </Typography.Paragraph>
        {shown && !error && (
          <Alert type={shown.type} showIcon title={t(shown.key)} className="ls-login-alert" data-testid="login-notice" />
        )}
        {error && <Alert type="error" showIcon title={error} className="ls-login-alert" data-testid="login-error" />}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={submit}
          disabled={busy}
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder={t('login.usernamePlaceholder')}
              autoComplete="username"
              autoFocus
              data-testid="login-username"
              maxLength={64}
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password
              ref={passwordRef}
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              data-testid="login-password"
              maxLength={256}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" className="ls-login-help">
          {t('login.help')}
        </Typography.Paragraph>
      </Card>
      <div className="ls-login-footer">{t('app.footer')}</div>
    </div>
  );
}
