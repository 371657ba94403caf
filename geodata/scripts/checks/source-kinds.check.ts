import type { Feature } from 'geojson';

/**
 * Every cited URL must come from an acceptable kind of source (geodata/source-kinds.json:
 * government, press, academic, official tourism, reference). Self-contained on purpose: the list
 * is data, this file only reads it. Pure.
 */

export interface SourceKinds {
  acceptable: Record<string, { title: string; hosts: string[] }>;
  rejected: Record<string, { title: string; hosts: string[] }>;
}

export interface SourceProblem {
  check: 'source_kind';
  collection: string;
  featureId?: string | number;
  message: string;
}

export type UrlVerdict =
  | { acceptable: true; kind: string }
  | { acceptable: false; kind: string | null; reason: 'rejected' | 'unknown' | 'not-a-url' };

/** The http(s) URLs in a citation text, in order. */
export function citedUrls(text: string | null | undefined): string[] {
  return text ? [...text.matchAll(/https?:\/\/[^\s;,)"<>]+/g)].map((m) => m[0]) : [];
}

function matches(url: URL, entry: string): boolean {
  const [host, ...path] = entry.split('/');
  const name = url.hostname.toLowerCase().replace(/^www\./, '');
  if (name !== host && !name.endsWith(`.${host}`)) return false;
  return path.length === 0 || url.pathname.startsWith(`/${path.join('/')}`);
}

/** Which kind of source a URL is, by the first matching entry (rejected entries win). */
export function classifyUrl(raw: string, kinds: SourceKinds): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { acceptable: false, kind: null, reason: 'not-a-url' };
  }
  for (const [kind, def] of Object.entries(kinds.rejected)) {
    if (def.hosts.some((h) => matches(url, h))) return { acceptable: false, kind, reason: 'rejected' };
  }
  for (const [kind, def] of Object.entries(kinds.acceptable)) {
    if (def.hosts.some((h) => matches(url, h))) return { acceptable: true, kind };
  }
  return { acceptable: false, kind: null, reason: 'unknown' };
}

function problemText(url: string, v: Exclude<UrlVerdict, { acceptable: true }>, kinds: SourceKinds): string {
  if (v.reason === 'rejected')
    return `cites ${url}: ${kinds.rejected[v.kind ?? '']?.title ?? v.kind} are not an acceptable source`;
  if (v.reason === 'not-a-url') return `cites "${url}", which is not a URL`;
  return `cites ${url}, whose host is in no kind of source of geodata/source-kinds.json`;
}

/**
 * Problems for every URL in `source` or `source_url` of the features (and in the `extra`
 * properties: the sources of site facts) that is not acceptable.
 */
export function checkSourceKinds(
  collection: string,
  features: Feature[],
  kinds: SourceKinds,
  extra: readonly string[] = [],
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const f of features) {
    const p = f.properties ?? {};
    const featureId = typeof f.id === 'number' || typeof f.id === 'string' ? f.id : undefined;
    const texts = ['source', 'source_url', ...extra].map((k) => (typeof p[k] === 'string' ? p[k] : ''));
    const urls = new Set(texts.flatMap((t) => citedUrls(t)));
    for (const url of urls) {
      const v = classifyUrl(url, kinds);
      if (!v.acceptable)
        problems.push({ check: 'source_kind', collection, featureId, message: problemText(url, v, kinds) });
    }
  }
  return problems;
}

/** The same check for the `source` column of indicator rows. */
export function checkRowSourceKinds(rows: { source: string }[], kinds: SourceKinds): SourceProblem[] {
  const problems: SourceProblem[] = [];
  rows.forEach((r, i) => {
    for (const url of citedUrls(r.source)) {
      const v = classifyUrl(url, kinds);
      if (!v.acceptable)
        problems.push({
          check: 'source_kind',
          collection: 'indicators',
          featureId: `row ${i + 1}`,
          message: problemText(url, v, kinds),
        });
    }
  });
  return problems;
}
