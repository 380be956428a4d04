import type { ReactNode } from 'react';
import { Alert, Button, Result, Spin, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.tsx';

export function PageSpin({ full = false }: { full?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={full ? 'ls-spin ls-spin-full' : 'ls-spin'}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** The title block at the top of each page. */
export function PageTitle({ title, hint, extra }: { title: string; hint?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="ls-page-title">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint && (
          <Typography.Text type="secondary" className="ls-page-hint">
            {hint}
          </Typography.Text>
        )}
      </div>
      {extra && <div className="ls-page-extra">{extra}</div>}
    </div>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="page-forbidden">
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.body')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="page-not-found">
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.body')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </div>
  );
}

/** A failed load with a retry button, in place of the content that did not come. */
export function LoadFailed({ error, onRetry }: { error: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={error}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/** A failed list load above the table, keeping the filters in view, with a retry button. */
export function LoadFailedInline({ error, onRetry }: { error: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="error"
      showIcon
      title={error}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
