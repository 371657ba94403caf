import type { CollectionDef } from '../catalog/catalog';
import type { Link } from '../contract/api';
import type {
  FeatureImportPreview,
  ImportFeaturePage,
  ImportProblemPage,
  IndicatorImportPreview,
} from '../contract/imports';
import { isJsonObject } from '../writes/json-equal';
import { primaryMatch } from './duplicates';
import type { FeatureImportJob } from './feature-imports';
import type { IndicatorImportJob } from './indicator-imports';
import { PREVIEW_PAGE } from './limits';
import { LOCATION_ROLES } from './mapping';
import { type Lang, localizeProblem, messageFor } from './messages';
import type { PreviewRow } from './preview';
import type { ImportJobBase } from './registry';
import type { RowProblem } from './row';

/** The wire shapes of imports (contract/imports.ts) from the jobs, in the user's language. */

const ROLE_TITLES: Record<(typeof LOCATION_ROLES)[number], { vi: string; en: string }> = {
  $lon: { vi: 'Kinh độ', en: 'Longitude' },
  $lat: { vi: 'Vĩ độ', en: 'Latitude' },
  $wkt: { vi: 'Hình học (WKT)', en: 'Geometry (WKT)' },
  $district: { vi: 'Huyện (tên hoặc mã)', en: 'District (name or code)' },
  $commune: { vi: 'Xã (tên hoặc mã)', en: 'Commune (name or code)' },
};

export interface Page {
  offset: number;
  limit: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function pageLinks(base: string, path: string, page: Page, total: number, type: string): Link[] {
  const links: Link[] = [
    {
      href: `${base}${path}?offset=${page.offset}&limit=${page.limit}`,
      rel: 'self',
      type,
      title: 'This page',
    },
  ];
  if (page.offset + page.limit < total) {
    links.push({
      href: `${base}${path}?offset=${page.offset + page.limit}&limit=${page.limit}`,
      rel: 'next',
      type,
      title: 'Next page',
    });
  }
  return links;
}

function common(job: ImportJobBase, expiresAt: number, base: string, lang: Lang) {
  const self = `${base}/api/imports/${job.id}`;
  const failure = job.failure;
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName,
    mediaType: job.mediaType,
    size: job.size,
    createdAt: iso(job.createdAt),
    expiresAt: iso(expiresAt),
    progress: job.progress,
    problem: failure
      ? {
          status: failure.status,
          code:
            failure.status === 413
              ? 'PayloadTooLarge'
              : failure.status >= 500
                ? 'ServerError'
                : failure.status === 422
                  ? 'ValidationFailed'
                  : 'InvalidBody',
          detail:
            failure.status >= 500
              ? 'The server failed to read this file; it has been logged.'
              : messageFor(failure.code, failure.params, lang),
          errors:
            failure.status >= 500
              ? []
              : [
                  {
                    field: '(file)',
                    code: failure.code,
                    message: messageFor(failure.code, failure.params, lang),
                    params: failure.params,
                  },
                ],
        }
      : null,
    batch: job.batchId,
    links: [
      { href: self, rel: 'self', type: 'application/json', title: 'This import' },
      { href: `${self}/commit`, rel: 'commit', type: 'application/json', title: 'Commit (POST)' },
      ...(job.batchId
        ? [
            {
              href: `${base}/api/batches/${job.batchId}`,
              rel: 'batch',
              type: 'application/json',
              title: 'The batch it was committed as',
            },
          ]
        : []),
    ],
  };
}

/** The map rows of a features preview: every row that has a location, valid or not. */
function featureRows(job: FeatureImportJob): PreviewRow[] {
  return (job.preview?.rows ?? []).filter((r) => r.geometry);
}

export function featurePage(job: FeatureImportJob, page: Page, base: string): ImportFeaturePage {
  const rows = featureRows(job);
  const slice = rows.slice(page.offset, page.offset + page.limit);
  return {
    type: 'FeatureCollection',
    numberMatched: rows.length,
    numberReturned: slice.length,
    features: slice.map((r) => ({
      type: 'Feature',
      id: r.row,
      geometry: r.geometry as NonNullable<PreviewRow['geometry']>,
      properties: r.feature?.properties ?? {},
      import: {
        row: r.row,
        valid: r.feature !== null,
        problems: r.problems.length,
        approximate: r.approximate,
        duplicates: r.duplicates.map((d) => d.id),
        duplicateOf: r.duplicateOf,
      },
    })),
    links: pageLinks(base, `/api/imports/${job.id}/features`, page, rows.length, 'application/geo+json'),
  };
}

function allProblems(
  job: ImportJobBase & { preview: { rows: { problems: RowProblem[] }[] } | null },
): RowProblem[] {
  return (job.preview?.rows ?? []).flatMap((r) => r.problems);
}

export function problemPage(
  job: FeatureImportJob | IndicatorImportJob,
  page: Page,
  base: string,
  lang: Lang,
): ImportProblemPage {
  const problems = allProblems(job);
  return {
    numberMatched: problems.length,
    problems: problems.slice(page.offset, page.offset + page.limit).map((p) => localizeProblem(p, lang)),
    links: pageLinks(base, `/api/imports/${job.id}/problems`, page, problems.length, 'application/json'),
  };
}

function targets(collection: CollectionDef) {
  const schema = collection.propertiesSchema;
  const props = isJsonObject(schema.properties)
    ? (schema.properties as Record<string, Record<string, unknown>>)
    : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return [
    ...Object.entries(props)
      .filter(([, p]) => p['x-computed'] !== true)
      .map(([name, p]) => ({
        name,
        title: { vi: String(p['x-title-vi'] ?? p.title ?? name), en: String(p.title ?? name) },
        required: required.has(name),
      })),
    ...LOCATION_ROLES.map((name) => ({ name, title: ROLE_TITLES[name], required: false })),
  ];
}

export function featurePreview(
  job: FeatureImportJob,
  expiresAt: number,
  base: string,
  lang: Lang,
): FeatureImportPreview {
  const p = job.preview;
  const first = { offset: 0, limit: PREVIEW_PAGE };
  const dups = (p?.rows ?? []).filter((r) => r.feature && r.duplicates.length > 0);
  const head = common(job, expiresAt, base, lang);
  return {
    ...head,
    kind: 'features',
    collection: job.collection.id,
    format: job.format,
    encoding: p?.encoding ?? null,
    columns: p?.columns ?? [],
    notes: p?.notes ?? [],
    suggestions: p?.suggestions ?? [],
    mapping: p?.mapping ?? job.options.mapping ?? {},
    defaults: job.options.defaults,
    targets: targets(job.collection),
    unfilled: p?.unfilled ?? [],
    unknownColumns: p?.unknownColumns ?? [],
    summary: p?.summary ?? null,
    problems: (() => {
      const page = problemPage(job, first, base, lang);
      return { numberMatched: page.numberMatched, items: page.problems };
    })(),
    duplicates: {
      numberMatched: dups.length,
      items: dups.slice(0, PREVIEW_PAGE).map((r) => {
        const m = p?.matches.get(r.row);
        return {
          row: r.row,
          matches: r.duplicates,
          match: primaryMatch(r.duplicates)?.id ?? null,
          status: !primaryMatch(r.duplicates) ? 'ambiguous' : m?.unchanged ? 'unchanged' : 'changed',
        };
      }),
    },
    features: p ? featurePage(job, first, base) : null,
    links: [
      ...head.links,
      {
        href: `${base}/api/imports/${job.id}/features`,
        rel: 'features',
        type: 'application/geo+json',
        title: 'Rows on the map (paged)',
      },
      {
        href: `${base}/api/imports/${job.id}/problems`,
        rel: 'problems',
        type: 'application/json',
        title: 'Row problems (paged)',
      },
      {
        href: `${base}/api/collections/${job.collection.id}`,
        rel: 'collection',
        type: 'application/json',
        title: 'The collection',
      },
    ],
  };
}

export function indicatorPreview(
  job: IndicatorImportJob,
  expiresAt: number,
  base: string,
  lang: Lang,
): IndicatorImportPreview {
  const p = job.preview;
  const rows = p?.rows ?? [];
  const valid = rows.filter((r) => r.value);
  const head = common(job, expiresAt, base, lang);
  const problems = problemPage(job, { offset: 0, limit: PREVIEW_PAGE }, base, lang);
  return {
    ...head,
    kind: 'indicators',
    encoding: p?.encoding ?? null,
    columns: p?.columns ?? [],
    notes: p?.notes ?? [],
    summary: p
      ? {
          rowsRead: rows.length,
          valid: valid.length,
          invalid: rows.length - valid.length,
          new: valid.filter((r) => r.change === 'new').length,
          changed: valid.filter((r) => r.change === 'changed').length,
          unchanged: valid.filter((r) => r.change === 'unchanged').length,
        }
      : null,
    problems: { numberMatched: problems.numberMatched, items: problems.problems },
    changes: {
      numberMatched: valid.length,
      items: valid.slice(0, PREVIEW_PAGE).map((r) => {
        const v = r.value as NonNullable<typeof r.value>;
        return {
          row: r.row,
          indicator: v.indicator,
          year: v.year,
          districtCode: v.district_code,
          value: v.value,
          unit: v.unit,
          source: v.source,
          change: r.change ?? 'new',
          current: r.current
            ? {
                value: r.current.value,
                unit: r.current.unit,
                status: r.current.status,
                source: r.current.source,
              }
            : null,
        };
      }),
    },
    warnings: (p?.warnings ?? []).map((w) => ({
      ...w,
      message: lang === 'en' ? w.message : messageFor(w.code, w.params, lang),
    })),
    links: [
      ...head.links,
      {
        href: `${base}/api/imports/${job.id}/problems`,
        rel: 'problems',
        type: 'application/json',
        title: 'Row problems (paged)',
      },
    ],
  };
}
