/**
 * The investor's shortlist (issue 15): up to MAX_SHORTLIST sites, kept in local storage (survives
 * a reload) and in the page URL's query (`?shortlist=<collection>/<id>,…`, so a copied link shares
 * it; the hash stays the map's). A link's shortlist wins over the remembered one.
 */
import { useSyncExternalStore } from 'react';
import type { FeatureRef } from '../../lib/urlState';

export const MAX_SHORTLIST = 4;
const STORAGE_KEY = 'lcmap.shortlist';
const PARAM = 'shortlist';
/** `?compare` in a shared link opens the comparison. */
export const COMPARE_PARAM = 'compare';

const REF = /^([A-Za-z0-9_-]{1,64})\/(\d{1,12})$/;

export function parseShortlist(text: string | null | undefined): FeatureRef[] {
  if (!text) return [];
  const out: FeatureRef[] = [];
  for (const part of text.split(',')) {
    const m = REF.exec(part.trim());
    if (!m) continue;
    const ref = { collection: m[1]!, id: Number(m[2]) };
    if (!out.some((r) => sameRef(r, ref))) out.push(ref);
    if (out.length === MAX_SHORTLIST) break;
  }
  return out;
}

export function formatShortlist(refs: readonly FeatureRef[]): string {
  return refs.map((r) => `${r.collection}/${r.id}`).join(',');
}

export function sameRef(a: FeatureRef, b: FeatureRef): boolean {
  return a.collection === b.collection && a.id === b.id;
}

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function initial(): FeatureRef[] {
  const fromUrl = new URLSearchParams(window.location.search).get(PARAM);
  return fromUrl !== null ? parseShortlist(fromUrl) : parseShortlist(readStorage());
}

let current: FeatureRef[] | undefined;
const listeners = new Set<() => void>();

/** The URL as text, with `/` and `,` of our shortlist values left readable. */
function urlText(url: URL): string {
  return url.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',');
}

function persist(refs: FeatureRef[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, formatShortlist(refs));
  } catch {
    // Storage refused (private mode): the URL still holds it.
  }
  const url = new URL(window.location.href);
  if (refs.length) url.searchParams.set(PARAM, formatShortlist(refs));
  else url.searchParams.delete(PARAM);
  window.history.replaceState(window.history.state, '', urlText(url));
}

function get(): FeatureRef[] {
  current ??= initial();
  return current;
}

function set(next: FeatureRef[]): void {
  current = next;
  persist(next);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Shortlist {
  items: FeatureRef[];
  has: (ref: FeatureRef) => boolean;
  full: boolean;
  add: (ref: FeatureRef) => void;
  remove: (ref: FeatureRef) => void;
  /** A link that opens the comparison of these sites (the page's own address, map hash kept). */
  shareUrl: () => string;
}

export function useShortlist(): Shortlist {
  const items = useSyncExternalStore(subscribe, get);
  return {
    items,
    has: (ref) => items.some((r) => sameRef(r, ref)),
    full: items.length >= MAX_SHORTLIST,
    add: (ref) => {
      if (items.length < MAX_SHORTLIST && !items.some((r) => sameRef(r, ref))) set([...items, ref]);
    },
    remove: (ref) => set(items.filter((r) => !sameRef(r, ref))),
    shareUrl: () => {
      const url = new URL(window.location.href);
      url.searchParams.set(PARAM, formatShortlist(items));
      url.searchParams.set(COMPARE_PARAM, '');
      url.searchParams.delete('test');
      return urlText(url).replace(`${COMPARE_PARAM}=`, COMPARE_PARAM);
    },
  };
}

/** The link asked for the comparison (`?compare`); read once, then dropped from the URL. */
export function takeCompareRequest(): boolean {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(COMPARE_PARAM)) return false;
  url.searchParams.delete(COMPARE_PARAM);
  window.history.replaceState(window.history.state, '', url.toString());
  return true;
}
