import type { TablePaginationConfig } from 'antd';
import { Translate } from '../i18n';

/** Table pagination whose page lives in the URL (see useUrlState). */
export function urlPagination(
  url: { page: number; set(changes: { page?: number }): void },
  total: number | undefined,
  pageSize: number,
  t: Translate,
  /** false when the API counted only up to `total` (the work-item list): shown as "1050+". */
  totalExact = true,
): TablePaginationConfig {
  return {
    current: url.page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (count) => t('common.total', { total: totalExact ? count : `${count}+` }),
    onChange: (page) => url.set({ page }),
  };
}
