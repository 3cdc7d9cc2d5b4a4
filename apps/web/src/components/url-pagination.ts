import type { TablePaginationConfig } from 'antd';
import { Translate } from '../i18n';

/** Table pagination whose page lives in the URL (see useUrlState). */
export function urlPagination(
  url: { page: number; set(changes: { page?: number }): void },
  total: number | undefined,
  pageSize: number,
  t: Translate,
): TablePaginationConfig {
  return {
    current: url.page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (count) => t('common.total', { total: count }),
    onChange: (page) => url.set({ page }),
  };
}
