/** The top of a single record's page (a matter, a project): while it loads, and its header once it has come. */
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { isApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { LoadFailed, NotFound, PageSpin } from './PageState.tsx';
import { RefreshButton } from './ListToolbar.tsx';

/** In place of a record not (yet) loaded: a spinner, the failure with a retry, or 404 when the server knows no such record. */
export function RecordPending({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return <PageSpin />;
  if (isApiError(error) && error.code === 'NOT_FOUND') return <NotFound />;
  return <LoadFailed error={errorText(error, lang, t('error.unexpected'))} onRetry={onRetry} />;
}

export interface RecordHeaderProps {
  /** The list the back arrow leads to, its label, and the test ids of the parts. */
  back: { to: string; label: string; testId: string };
  code: string;
  codeTestId: string;
  /** After the code: the record's tags. */
  tags: ReactNode;
  title: string;
  titleTestId: string;
  /** Under the title. */
  subtitle?: ReactNode;
  /** The record's buttons, before the refresh button. */
  actions: ReactNode;
  onRefresh: () => void;
  loading: boolean;
}

export function RecordHeader({ back, code, codeTestId, tags, title, titleTestId, subtitle, actions, onRefresh, loading }: RecordHeaderProps) {
  const navigate = useNavigate();
  return (
    <div className="ls-page-title">
      <div style={{ minWidth: 0 }}>
        <Space size={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(back.to)} aria-label={back.label} data-testid={back.testId} />
          <Typography.Text className="ls-code" data-testid={codeTestId}>
            {code}
          </Typography.Text>
          {tags}
        </Space>
        <Typography.Title level={4} style={{ margin: '6px 0 0' }} data-testid={titleTestId}>
          {title}
        </Typography.Title>
        {subtitle}
      </div>
      <Space wrap className="ls-page-extra">
        {actions}
        <RefreshButton onClick={onRefresh} loading={loading} />
      </Space>
    </div>
  );
}
