/**
 * The comparison of shortlisted sites (issue 15): one row per attribute and per distance, one
 * column per site; unknowns stay unknown (null); the best value of a row is marked (largest area
 * — a number in hectares —, shortest distance). Shared by the comparison view, the CSV and the
 * print page. Pure.
 */
import Papa from 'papaparse';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { CatalogCollection } from '../../catalog/catalog';
import { featureLabel } from '../../lib/featureLabel';
import type { Lang } from '../../lib/format';
import { distanceText } from '../site-card/distanceText';
import { distanceRows, factRows, identityRows } from '../site-card/siteModel';

export interface Site {
  collection: CatalogCollection;
  feature: ApiFeature;
}

export interface Cell {
  text: string | null;
  source: string | null;
  /** The language of the text and of the source's words, when known (a fact's, see siteModel). */
  textLang?: string | undefined;
  sourceLang?: string | undefined;
  confidence: string | null;
  /** For the best-of-row mark. */
  number: number | null;
}

export interface CompareRow {
  key: string;
  group: 'identity' | 'fact' | 'distance';
  label: string;
  cells: Cell[];
  /** Columns holding the row's best value (none when fewer than two are known or no order applies). */
  best: Set<number>;
}

function bestOf(cells: Cell[], better: 'max' | 'min'): Set<number> {
  const known = cells
    .map((c, i) => [c.number, i] as const)
    .filter((x): x is readonly [number, number] => x[0] !== null);
  if (known.length < 2) return new Set();
  const target = better === 'max' ? Math.max(...known.map((k) => k[0])) : Math.min(...known.map((k) => k[0]));
  if (known.every((k) => k[0] === target)) return new Set();
  return new Set(known.filter((k) => k[0] === target).map((k) => k[1]));
}

export function siteName(site: Site, lang: Lang): string {
  return featureLabel(site.feature, lang, site.collection.label);
}

export function compareRows(sites: readonly Site[], lang: Lang): CompareRow[] {
  const first = sites[0];
  if (!first) return [];
  const rows: CompareRow[] = [];
  const identity = sites.map((s) => identityRows(s.collection.schema, s.feature, lang));
  for (const [i, r] of (identity[0] ?? []).entries()) {
    const cells = identity.map((rs) => {
      const v = rs[i]?.value;
      return { text: v ? v.text : null, source: null, confidence: null, number: null };
    });
    rows.push({ key: r.key, group: 'identity', label: r.label, cells, best: new Set() });
  }
  const facts = sites.map((s) => factRows(s.collection.schema, s.feature, lang));
  for (const [i, r] of (facts[0] ?? []).entries()) {
    const cells = facts.map((rs) => {
      const f = rs[i];
      const text = f?.value
        ? [f.value.text, ...f.extra.map((e) => `(${e.label}: ${e.value.text})`)].join(' ')
        : null;
      return {
        text,
        source: f?.source ?? null,
        textLang: f?.valueLang,
        sourceLang: f?.sourceLang,
        confidence: f?.confidence ?? null,
        number: f?.number ?? null,
      };
    });
    rows.push({
      key: r.key,
      group: 'fact',
      label: r.label,
      cells,
      best: r.unit === 'ha' ? bestOf(cells, 'max') : new Set(),
    });
  }
  const site = first.collection.site;
  if (site) {
    const distances = sites.map((s) => distanceRows(s.collection.site ?? site, s.feature, lang));
    for (const [i, r] of (distances[0] ?? []).entries()) {
      const cells = distances.map((rs) => {
        const d = rs[i]?.distance ?? null;
        const landmark = d?.landmark
          ? lang === 'en'
            ? (d.landmark.nameEn ?? d.landmark.name)
            : d.landmark.name
          : null;
        return {
          text: d ? distanceText(d, lang) : null,
          source: landmark,
          confidence: null,
          number: d?.km ?? null,
        };
      });
      rows.push({
        key: `distance.${r.key}`,
        group: 'distance',
        label: r.title,
        cells,
        best: bestOf(cells, 'min'),
      });
    }
  }
  return rows;
}

/** CSV text (RFC 4180 quoting by papaparse) with a UTF-8 BOM, so Excel opens Vietnamese text intact. */
export function compareCsv(
  sites: readonly Site[],
  rows: readonly CompareRow[],
  headers: { attribute: string; source: string; confidence: string },
  lang: Lang,
  /** A confidence code in words of the UI language. */
  confidenceWord: (code: string) => string = (code) => code,
): string {
  const head = [
    headers.attribute,
    ...sites.flatMap((s) => {
      const name = siteName(s, lang);
      return [name, `${name} — ${headers.source}`, `${name} — ${headers.confidence}`];
    }),
  ];
  const body = rows.map((r) => [
    r.label,
    ...r.cells.flatMap((c) => [
      c.text ?? '',
      c.source ?? '',
      c.confidence ? confidenceWord(c.confidence) : '',
    ]),
  ]);
  return `\uFEFF${Papa.unparse([head, ...body], { newline: '\r\n' })}\r\n`;
}
