import type { CollectionDef } from '../catalog/catalog';
import type { Cql2Expression } from '../cql2/ast';
import { indexBox } from '../cql2/index-box';
import { parseFilter, parseFilterLang } from '../cql2/parse';
import { queryablesOf } from '../cql2/queryables';
import { CRS84, parseCrs, type SupportedCrs } from '../crs/registry';
import { bboxToCrs84 } from '../crs/transform';
import { parseDatetime } from '../params/datetime';
import { parseParameter } from '../params/problem';
import { parseSortby } from '../params/sortby';
import { datetimeCondition } from '../params/temporal';
import type { Bbox, FeatureQuery } from '../store/feature-store';
import { crs84Boxes, parseBbox, parseFilters, parseQ } from './params';

/** Query parameters of the items route that are not property filters. */
export const ITEMS_RESERVED = [
  'f',
  'limit',
  'offset',
  'bbox',
  'bbox-crs',
  'q',
  'filter',
  'filter-lang',
  'filter-crs',
  'datetime',
  'crs',
  'sortby',
] as const;

export type ItemsParams = Partial<Record<(typeof ITEMS_RESERVED)[number], unknown>> & {
  bbox?: string;
  'bbox-crs'?: string;
  q?: string;
  filter?: string;
  'filter-lang'?: string;
  'filter-crs'?: string;
  datetime?: string;
  crs?: string;
  sortby?: string;
};

/** What an items request selects (FeatureQuery without paging) and the CRS it is answered in. */
export interface ItemsSelection {
  where: Omit<FeatureQuery, 'limit' | 'offset'>;
  crs: SupportedCrs;
}

function and(terms: (Cql2Expression | undefined)[]): Cql2Expression | undefined {
  const args = terms.filter((t): t is Cql2Expression => t !== undefined);
  if (args.length <= 1) return args[0];
  return { op: 'and', args };
}

/** `bbox` (+ `bbox-crs`) → the CRS84 box, or a condition when it crosses the antimeridian. */
function spatial(query: ItemsParams): { bbox?: Bbox; condition?: Cql2Expression } {
  const numbers = parseBbox(query.bbox);
  const bboxCrs = parseParameter(() => parseCrs(query['bbox-crs'], 'bbox-crs'));
  if (!numbers) return {};
  const boxes = crs84Boxes(parseParameter(() => bboxToCrs84(numbers, bboxCrs, 'bbox')));
  if (boxes.length === 1) return { bbox: boxes[0] };
  return { condition: { op: 's_intersects', literal: { kind: 'boxes', boxes } } };
}

/**
 * The parameters of GET …/items beyond paging → the store query and the response CRS: bbox
 * (4 or 6 numbers, bbox-crs, across the antimeridian), q, property equality filters, the CQL2
 * `filter` (filter-lang, filter-crs), `datetime` on the collection's temporal property, `sortby` (Part 8) and `crs`.
 * Every malformed value is a 400 naming its parameter. A request with none of them costs a few
 * `undefined` checks (the hot path).
 */
export function parseItemsSelection(collection: CollectionDef, query: ItemsParams): ItemsSelection {
  const { bbox, condition: across } = spatial(query);
  const lang = parseParameter(() => parseFilterLang(query['filter-lang']));
  const filterCrs = parseParameter(() => parseCrs(query['filter-crs'], 'filter-crs'));
  const cql2 =
    query.filter === undefined
      ? undefined
      : parseParameter(() =>
          parseFilter(query.filter as string, lang, { queryables: queryablesOf(collection), filterCrs }),
        );
  const interval = parseParameter(() => parseDatetime(query.datetime));
  const when = interval && datetimeCondition(collection, interval);
  const filter = and([cql2, across, when]);
  const crs = query.crs === undefined ? CRS84 : parseParameter(() => parseCrs(query.crs, 'crs'));
  return {
    where: {
      // A top-level S_INTERSECTS of the filter also drives the spatial index (same result).
      bbox: bbox ?? (filter && indexBox(filter)),
      q: parseQ(query.q),
      filters: parseFilters(collection, query, ITEMS_RESERVED),
      filter,
      sortby: parseSortby(collection, query.sortby),
    },
    crs,
  };
}
