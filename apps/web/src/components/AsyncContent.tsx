import { Empty, Skeleton } from 'antd';
import { ReactNode } from 'react';
import { ApiState } from '../api/use-api';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

interface AsyncContentProps<T> {
  state: ApiState<T>;
  /** Whether loaded data counts as empty (an empty list, say). */
  isEmpty?: (data: T) => boolean;
  emptyText?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The three states every screen has before its content: loading, failed, empty. */
export function AsyncContent<T>({ state, isEmpty, emptyText, children }: AsyncContentProps<T>) {
  const { t } = useI18n();
  if (state.error && state.data === undefined)
    return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Skeleton active aria-busy="true" aria-label={t('common.loading')} />;
  return (
    <>
      <ErrorAlert error={state.error} onRetry={state.reload} />
      {isEmpty?.(state.data) ? <Empty description={emptyText ?? t('common.empty')} /> : children(state.data)}
    </>
  );
}
