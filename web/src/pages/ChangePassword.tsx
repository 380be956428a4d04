import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { passwordProblems } from '../../../src/modules/auth/schema.ts';
import { api, isApiError } from '../api.ts';
import { useAuth, useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useFormErrorHandler } from '../feedback.ts';
import { PasswordChecklist } from '../components/PasswordChecklist.tsx';
import { PageTitle } from '../components/PageState.tsx';

interface PwForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage({ forced }: { forced: boolean }) {
  const { me } = useMe();
  const { refresh } = useAuth();
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PwForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [busy, setBusy] = useState(false);
  const onError = useFormErrorHandler();

  const submit = async (values: PwForm) => {
    setBusy(true);
    try {
      await api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      navigate(forced ? '/' : '/account', { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'PASSWORD_WRONG') {
        form.setFields([{ name: 'currentPassword', errors: [t('password.wrongCurrent')] }]);
      } else if (isApiError(e) && e.code === 'PASSWORD_POLICY' && e.issues.length === 0) {
        form.setFields([{ name: 'newPassword', errors: [t('password.policyFailed')] }]);
      } else {
        onError(form, e, ['currentPassword', 'newPassword']);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="page-change-password" className={forced ? 'ls-narrow ls-forced' : 'ls-narrow'}>
      <PageTitle title={t('password.title')} hint={forced ? undefined : t('password.voluntaryHint')} />
      {forced && (
        <Alert
          type="warning"
          showIcon
          title={t('password.forcedTitle')}
          description={t('password.forcedBody', { name: me.displayName })}
          style={{ marginBottom: 16 }}
          data-testid="pw-forced-notice"
        />
      )}
      <Card>
        <Form<PwForm> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark="optional">
          {/* Lets password managers know whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item
            name="currentPassword"
            label={forced ? t('password.currentForced') : t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="pw-current" maxLength={256} autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[
              { required: true, message: t('password.newRequired') },
              {
                validator: async (_r, value: string | undefined) => {
                  const problems = passwordProblems(value ?? '', me.username);
                  if (value && problems.length) throw new Error(problems.map((p) => l(p)).join('；'));
                },
              },
            ]}
            extra={<PasswordChecklist password={newPassword} username={me.username} />}
          >
            <Input.Password autoComplete="new-password" data-testid="pw-new" maxLength={256} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="pw-confirm" maxLength={256} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="pw-submit">
              {t('password.submit')}
            </Button>
            {!forced && (
              <Button onClick={() => navigate('/account')} disabled={busy}>
                {t('common.cancel')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
