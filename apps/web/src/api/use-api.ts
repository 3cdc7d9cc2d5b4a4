import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | undefined;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'Error', error instanceof Error ? error.message : String(error));
}

/**
 * Runs `load` when the dependencies change and whenever `reload` is called; a newer load
 * aborts the previous one so a slow answer never overwrites a newer one.
 * `load` returning null means "nothing to load yet".
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T> | null,
  deps: DependencyList,
): ApiState<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  // Refs change after render, never during it; this effect runs before the loading one below.
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    const pending = loadRef.current(controller.signal);
    if (!pending) {
      setLoading(false);
      return () => controller.abort();
    }
    setLoading(true);
    pending.then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The caller lists what `load` reads, as with useEffect itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, loading, error, reload };
}

/** Runs an action (a save, a post) and keeps its pending state and its error for the form. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const actionRef = useRef(action);
  useEffect(() => {
    actionRef.current = action;
  });
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      return await actionRef.current(...args);
    } catch (failure) {
      setError(asApiError(failure));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { run, pending, error, clearError };
}
