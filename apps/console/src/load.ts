// Loads what a view shows and reloads it when its inputs change; a stale answer never overwrites a newer one.
import { DependencyList, useEffect, useState } from 'react';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error?: Error;
  /** Loads the next page and appends it; undefined on the last page. */
  more?: () => void;
  loadingMore: boolean;
}

/**
 * A cursor-paginated list: the first page on `deps`, later pages appended by `more()`. A page answered
 * after the inputs changed is dropped, like a stale first page.
 */
export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, deps: DependencyList): Paged<T> {
  const first = useLoad(() => load(), deps);
  const [older, setOlder] = useState<{ first?: Page<T>; pages: Page<T>[]; loading: boolean; error?: Error }>({
    pages: [],
    loading: false,
  });
  // Later pages belong to the first page they follow: a new first page starts the list again.
  const own = older.first === first.data ? older : { first: first.data, pages: [], loading: false };
  const last = own.pages.at(-1) ?? first.data;
  const items = [...(first.data?.items ?? []), ...own.pages.flatMap((p) => p.items)];
  const cursor = last?.nextCursor;
  const more =
    cursor && !own.loading
      ? () => {
          const after = first.data;
          setOlder({ ...own, loading: true, error: undefined });
          load(cursor).then(
            (page) =>
              setOlder((o) => (o.first === after ? { ...o, pages: [...o.pages, page], loading: false } : o)),
            (error: unknown) =>
              setOlder((o) =>
                o.first === after
                  ? { ...o, loading: false, error: error instanceof Error ? error : new Error(String(error)) }
                  : o,
              ),
          );
        }
      : undefined;
  return { items, loading: first.loading, error: first.error ?? own.error, more, loadingMore: own.loading };
}
