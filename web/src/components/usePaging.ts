import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/index.tsx';

/** Page state for a server-paged table, and the antd pagination config that drives it. */
export function usePaging(defaultSize: number, sizes: number[]) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(defaultSize);
  const pagination = (total: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: sizes,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (p, s) => {
      if (s !== pageSize) {
        setPageSize(s);
        setPage(1);
      } else setPage(p);
    },
  });
  return { page, pageSize, setPage, pagination };
}
