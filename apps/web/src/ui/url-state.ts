// A table's state in the URL (search, page, sort, filters, view), so Back, reload and a shared link keep it.
// Typing (search, text filters) replaces the history entry; a click (sort, page, filter, view) adds one.
import { navigate, useLocation } from '../router.tsx';

export type UrlState = Record<string, string>;

export interface TableUrl {
  /** Every parameter of the current URL. */
  params: UrlState;
  get: (key: string) => string | undefined;
  /** Sets (or, with '' / undefined, removes) parameters; anything but `page` itself sends the table to page 1. */
  set: (patch: Record<string, string | undefined>, opts?: { replace?: boolean }) => void;
  /** Replaces the whole state (a saved view). */
  replaceAll: (state: UrlState) => void;
}

export function useTableUrl(): TableUrl {
  const { path, query } = useLocation();
  const params = Object.fromEntries(query.entries());
  const go = (next: UrlState, replace: boolean) => {
    const qs = new URLSearchParams(next).toString();
    navigate(qs ? `${path}?${qs}` : path, { replace, keepScroll: true });
  };
  return {
    params,
    get: (key) => params[key] || undefined,
    set: (patch, opts = {}) => {
      const next = { ...params };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') delete next[k];
        else next[k] = v;
      }
      if (!('page' in patch)) delete next.page;
      if (!('view' in patch)) delete next.view;
      go(next, opts.replace ?? false);
    },
    replaceAll: (state) => go(state, false),
  };
}

/** A positive integer parameter, or the fallback. */
export function intParam(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
