import { Worker } from 'node:worker_threads';
import KDBush from 'kdbush';
import type { Bbox, FeatureBytes } from '../feature-store';
import { COUNT_CAP } from '../rows';
import type { Connection } from './connection';
import { fidRange } from './fid';

/** Rows read per step of a build (then the event loop runs other work). */
const BUILD_ROWS = 8192;
/** Most bytes of one arena of texts. */
const ARENA_BYTES = 64 * 1024 * 1024;
/** Estimated matches above which a box walks the id order instead of asking the k-d tree (so a
 * collection of at most COUNT_CAP features always gets an exact count, as from SQL). */
const WALK_ABOVE = COUNT_CAP;

/** One page of box matches: the features' GeoJSON as UTF-8 bytes joined by commas. */
export interface ModelPage {
  features: FeatureBytes;
  numberReturned: number;
  numberMatched?: number;
  hasMore: boolean;
}

/**
 * A point collection held in memory at one data revision, to answer plain bbox pages (the map's
 * pan/zoom) without reading the database: the features' positions in a k-d tree (kdbush), their
 * fids in id order and their stored GeoJSON texts (a few large strings, sliced per feature).
 * Position i is the i-th feature in id order, so sorting positions sorts by id. Same answers as
 * the SQL path (feature-reads.ts pointBox): exact point-in-box, id order, numberMatched exact
 * while at most COUNT_CAP match, hasMore exact.
 */
export class PointModel {
  constructor(
    readonly revision: number,
    private readonly tree: KDBush,
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly texts: Texts,
    private readonly extent: Bbox,
    /** Bytes of GeoJSON held. */
    readonly bytes: number,
  ) {}

  get size(): number {
    return this.xs.length;
  }

  /** The features at these positions as one comma-joined byte source (copied when written). */
  private bytesOf(positions: ArrayLike<number>): FeatureBytes {
    const { arenas, arenaOf, starts, ends } = this.texts;
    let length = Math.max(positions.length - 1, 0);
    for (let k = 0; k < positions.length; k++) length += ends[positions[k]!]! - starts[positions[k]!]!;
    return {
      length,
      copyTo(target: Buffer, at: number): void {
        let p = at;
        for (let k = 0; k < positions.length; k++) {
          const i = positions[k]!;
          if (k > 0) target[p++] = 0x2c;
          p += arenas[arenaOf[i]!]!.copy(target, p, starts[i], ends[i]);
        }
      },
    };
  }

  /** The page of features inside `bbox` (edges included), `offset`/`limit` in id order. */
  page(bbox: Bbox, offset: number, limit: number): ModelPage {
    if (this.estimate(bbox) <= WALK_ABOVE) {
      const found = this.tree.range(bbox[0], bbox[1], bbox[2], bbox[3]);
      if (found.length <= COUNT_CAP) {
        const sorted = Uint32Array.from(found).sort();
        const page = sorted.subarray(offset, offset + limit);
        return {
          features: this.bytesOf(page),
          numberReturned: page.length,
          numberMatched: sorted.length,
          hasMore: offset + page.length < sorted.length,
        };
      }
    }
    return this.walk(bbox, offset, limit);
  }

  /**
   * Many matches: the id order is walked until the page and one more match are found (reads about
   * (offset + limit) / share positions); counted only when the walk reaches the end.
   */
  private walk(bbox: Bbox, offset: number, limit: number): ModelPage {
    const [minX, minY, maxX, maxY] = bbox;
    const { xs, ys } = this;
    const page: number[] = [];
    let matched = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (x < minX || x > maxX || y < minY || y > maxY) continue;
      matched += 1;
      if (matched <= offset) continue;
      if (page.length === limit)
        return { features: this.bytesOf(page), numberReturned: limit, hasMore: true };
      page.push(i);
    }
    const pageEnds = page.length > 0 || offset === 0;
    return {
      features: this.bytesOf(page),
      numberReturned: page.length,
      hasMore: false,
      ...(pageEnds ? { numberMatched: offset + page.length } : {}),
    };
  }

  /** Expected matches of a box if the points spread evenly over the collection's extent. */
  private estimate(bbox: Bbox): number {
    const [a, b, c, d] = this.extent;
    const w = Math.min(bbox[2], c) - Math.max(bbox[0], a);
    const h = Math.min(bbox[3], d) - Math.max(bbox[1], b);
    if (w < 0 || h < 0) return 0;
    const area = Math.max(c - a, 1e-9) * Math.max(d - b, 1e-9);
    return (this.size * Math.max(w, 1e-9) * Math.max(h, 1e-9)) / area;
  }
}

/** Where each position's UTF-8 GeoJSON lies: arenas[arenaOf[i]] from starts[i] to ends[i]. */
export interface Texts {
  arenas: Buffer[];
  arenaOf: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

/** What the first pass of a build read: positions (shared with the tree's worker) and text sizes. */
interface Places {
  fids: number[];
  xs: Float64Array;
  ys: Float64Array;
  sizes: Uint32Array;
  bytes: number;
  extent: Bbox;
}

/** Builds a k-d tree off the event loop (point-tree-worker.mjs). */
const TREE_WORKER = new URL('./point-tree-worker.mjs', import.meta.url);

/**
 * The k-d tree of these points (an empty set gets one point no box holds): on this thread for up
 * to `workerAbove` points (20,000 take a few ms; a worker costs more to start), else in a worker.
 */
function treeOf(xs: Float64Array, ys: Float64Array, workerAbove: number): Promise<KDBush> {
  if (xs.length <= workerAbove) {
    const tree = new KDBush(Math.max(xs.length, 1));
    for (let i = 0; i < xs.length; i++) tree.add(xs[i]!, ys[i]!);
    if (xs.length === 0) tree.add(Number.NaN, Number.NaN);
    return Promise.resolve(tree.finish());
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(TREE_WORKER, { workerData: { xs, ys } });
    worker.once('message', (data: SharedArrayBuffer) => {
      resolve(KDBush.from(data));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function sharedFloats(values: number[]): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(Math.max(values.length, 1) * 8)).subarray(
    0,
    values.length,
  );
  out.set(values);
  return out;
}

const nextTurn = () => new Promise((r) => setImmediate(r));

export class PointModels {
  private readonly models = new Map<number, PointModel>();
  private readonly building = new Set<number>();
  /** Collections found too large for the budget, at the revision they were tried. */
  private readonly tooLarge = new Map<number, number>();
  private closed = false;
  /** Builds finished (for tests). */
  built = 0;

  constructor(
    private readonly conn: Connection,
    private readonly maxBytes: number,
    /** Collections of more points get their tree built in a worker thread. */
    private readonly workerAbove = 20_000,
  ) {}

  /**
   * The model of collection `code` at `revision`, or undefined (and a build starts if
   * `pointsOnly()`: a model is only for collections of points; one built at this revision was).
   */
  ready(code: number, revision: number, pointsOnly: () => boolean = () => true): PointModel | undefined {
    const model = this.models.get(code);
    if (model?.revision === revision) return model;
    if (model) this.models.delete(code);
    if (
      this.maxBytes > 0 &&
      !this.building.has(code) &&
      this.tooLarge.get(code) !== revision &&
      pointsOnly()
    ) {
      this.building.add(code);
      // A build that fails (it should not) leaves this revision to SQL, as a collection too large does.
      void this.build(code, revision)
        .catch(() => this.tooLarge.set(code, revision))
        .finally(() => this.building.delete(code));
    }
    return undefined;
  }

  /** Resolves once no build is running (tests; a closed store ends its builds). */
  async idle(): Promise<void> {
    while (this.building.size > 0) await new Promise((r) => setImmediate(r));
  }

  close(): void {
    this.closed = true;
    this.models.clear();
  }

  private heldBytes(except: number): number {
    let bytes = 0;
    for (const [code, m] of this.models) if (code !== except) bytes += m.bytes;
    return bytes;
  }

  /**
   * Two passes over the collection in id order, BUILD_ROWS rows a step with the event loop free
   * between steps, each step checking that the data is still at `revision` (else the build stops):
   * positions and text sizes; then (the tree built in a worker meanwhile) the texts, written
   * straight into their places.
   */
  private async build(code: number, revision: number): Promise<void> {
    const places = await this.places(code, revision);
    if (!places) return;
    const tree = await treeOf(places.xs, places.ys, this.workerAbove);
    const texts = await this.texts(code, revision, places, tree.ids.subarray(0, places.fids.length));
    if (!texts || this.stale(revision)) return;
    this.models.set(
      code,
      new PointModel(revision, tree, places.xs, places.ys, texts, places.extent, places.bytes),
    );
    this.built += 1;
  }

  private stale(revision: number): boolean {
    return this.closed || this.conn.revision() !== revision;
  }

  /** Steps over the collection's rows in id order: `columns` of up to BUILD_ROWS rows at a time. */
  private async *steps<Row extends unknown[]>(code: number, revision: number, columns: string) {
    const [first, last] = fidRange(code);
    const step = this.conn.prepare(
      `SELECT fid, ${columns} FROM features WHERE fid > ? AND fid <= ? ORDER BY fid LIMIT ?`,
    );
    let after = first - 1;
    for (;;) {
      await nextTurn();
      if (this.stale(revision)) throw new StaleBuild();
      const rows = step.raw().all(after, last, BUILD_ROWS) as [number, ...Row][];
      yield rows;
      if (rows.length < BUILD_ROWS) return;
      after = rows[rows.length - 1]![0];
    }
  }

  /** Pass 1: positions and UTF-8 sizes; undefined when stale or over the budget (noted). */
  private async places(code: number, revision: number): Promise<Places | undefined> {
    const budget = this.maxBytes - this.heldBytes(code);
    const fids: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    const sizes: number[] = [];
    const extent: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
    let bytes = 0;
    try {
      for await (const rows of this.steps<[number, number, number]>(
        code,
        revision,
        'min_lon, min_lat, length(CAST(geojson AS BLOB))',
      )) {
        for (const [fid, x, y, size] of rows) {
          fids.push(fid);
          xs.push(x);
          ys.push(y);
          sizes.push(size);
          bytes += size;
          extent[0] = Math.min(extent[0], x);
          extent[1] = Math.min(extent[1], y);
          extent[2] = Math.max(extent[2], x);
          extent[3] = Math.max(extent[3], y);
        }
        if (bytes > budget) {
          this.tooLarge.set(code, revision);
          return undefined;
        }
      }
    } catch (err) {
      if (err instanceof StaleBuild) return undefined;
      throw err;
    }
    return {
      fids,
      xs: sharedFloats(xs),
      ys: sharedFloats(ys),
      sizes: Uint32Array.from(sizes),
      bytes,
      extent,
    };
  }

  /**
   * Pass 2: the texts laid out in the tree's order (`order`: positions as the k-d tree holds
   * them), so the features of one box lie close together in memory (a page copies from a few
   * places, not from a hundred scattered ones), in arenas of at most ARENA_BYTES.
   */
  private async texts(
    code: number,
    revision: number,
    places: Places,
    order: ArrayLike<number>,
  ): Promise<Texts | undefined> {
    const n = places.fids.length;
    const arenaOf = new Uint32Array(n);
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    const used: number[] = [0];
    for (let t = 0; t < n; t++) {
      if (t % (8 * BUILD_ROWS) === 0) await nextTurn();
      const i = order[t]!;
      let last = used.length - 1;
      if (used[last]! > 0 && used[last]! + places.sizes[i]! > ARENA_BYTES) last = used.push(0) - 1;
      arenaOf[i] = last;
      starts[i] = used[last]!;
      used[last]! += places.sizes[i]!;
      ends[i] = used[last]!;
    }
    const arenas = used.map((size) => Buffer.allocUnsafeSlow(size));
    let i = 0;
    try {
      for await (const rows of this.steps<[string]>(code, revision, 'geojson')) {
        for (const [fid, text] of rows) {
          // The same rows as pass 1 (the revision has not moved): position i is this fid.
          if (places.fids[i] !== fid) return undefined;
          arenas[arenaOf[i]!]!.write(text, starts[i]!);
          i += 1;
        }
      }
    } catch (err) {
      if (err instanceof StaleBuild) return undefined;
      throw err;
    }
    return i === n ? { arenas, arenaOf, starts, ends } : undefined;
  }
}

/** The data moved while a build read it: the build stops (the next box query starts another). */
class StaleBuild extends Error {}
