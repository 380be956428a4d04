/** A server-paged list's table in its card, with the failed load (and a retry) above it. */
import type { ReactNode } from 'react';
import { Card, Empty, Table } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { LoadFailedInline } from './PageState.tsx';

export interface PagedTableProps<T extends object> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'size' | 'locale' | 'title'> {
  testId: string;
  /** The list's load (from useRemote): one page as the server sent it, null before the first answer. */
  remote: { data: { items: T[]; total: number } | null; loading: boolean; error: unknown; reload: () => void };
  /** From usePaging. */
  pagination: (total: number) => TablePaginationConfig;
  /** What an empty list says. */
  empty: ReactNode;
  /** The card's title, once the list has come. */
  title?: (total: number) => ReactNode;
}

export function PagedTable<T extends object>({ testId, remote, pagination, empty, title, ...table }: PagedTableProps<T>) {
  const { t, lang } = useI18n();
  const { data, loading, error, reload } = remote;
  return (
    <>
      {error !== null && <LoadFailedInline error={errorText(error, lang, t('error.unexpected'))} onRetry={reload} />}
      <Card size="small" style={{ marginTop: 12 }} title={data && title ? title(data.total) : undefined}>
        <Table<T>
          data-testid={testId}
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total ?? 0)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
          {...table}
        />
      </Card>
    </>
  );
}
