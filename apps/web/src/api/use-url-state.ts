import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Filters, tabs and the page live in the query string, so a view can be shared as a link and
 * survives a reload. Changing a filter resets the page to 1.
 */
export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const value = (key: K): string => params.get(key) ?? defaults[key];
  const set = useCallback(
    (changes: Partial<Record<K | 'page', string | number | undefined | null>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, raw] of Object.entries(changes) as [
            K | 'page',
            string | number | undefined | null,
          ][]) {
            const text = raw === undefined || raw === null ? '' : String(raw);
            const fallback = key === 'page' ? '1' : defaults[key];
            if (text === '' || text === fallback) next.delete(key);
            else next.set(key, text);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    // `defaults` is a literal at each call site; its content never changes between renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams],
  );
  return { value, set, page: Number(params.get('page') ?? '1') || 1 };
}
