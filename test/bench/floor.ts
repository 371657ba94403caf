/**
 * The floor of "a new box per request" (issue 10's goal of 0.5 × the baseline): node:http doing
 * only what such an answer itself needs — the points in a k-d tree (kdbush, as the point models),
 * the id sort, one copy of the page's GeoJSON bytes, the revision read, the links
 * (routes/links.ts), a fresh timeStamp and the headers our answers carry — and nothing else: no
 * routing, validation, host check, CORS, conditional GET, response cache, log line or gzip
 * negotiation. Measured the same way as the cases, against a baseline of its own answer; it
 * bounds what any request path in Node can reach on this machine.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Database from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import KDBush from 'kdbush';
import { loadConfig } from '../../server/src/config';
import { securityHeaders } from '../../server/src/plugins/security-headers';
import { itemsLinks } from '../../server/src/routes/links';
import { type BenchCase, baselineServer, listen, measure, sample } from './measure';
import { median } from './report';

const CRS84 = '<http://www.opengis.net/def/crs/OGC/1.3/CRS84>';
const LIMIT = 100;

interface Points {
  tree: KDBush;
  /** The texts in the tree's order (one box's features lie close together, as in the models). */
  arena: Buffer;
  starts: Uint32Array;
  lengths: Uint32Array;
}

function loadPoints(dbFile: string, collection: string): Points {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT min_lon, min_lat, geojson FROM features WHERE collection = ? ORDER BY fid')
      .raw()
      .all(collection) as [number, number, string][];
    const tree = new KDBush(rows.length);
    for (const [x, y] of rows) tree.add(x, y);
    tree.finish();
    const lengths = Uint32Array.from(rows, (r) => Buffer.byteLength(r[2]));
    const starts = new Uint32Array(rows.length);
    let at = 0;
    for (const i of tree.ids.subarray(0, rows.length)) {
      starts[i] = at;
      at += lengths[i]!;
    }
    const arena = Buffer.allocUnsafeSlow(at);
    for (let i = 0; i < rows.length; i++) arena.write(rows[i]![2], starts[i]!);
    return { tree, arena, starts, lengths };
  } finally {
    db.close();
  }
}

function floorServer(points: Points, dbFile: string, collection: string): Server {
  const { tree, arena, starts, lengths } = points;
  const db = new Database(dbFile, { readonly: true });
  const revision = db.prepare("SELECT value FROM store_meta WHERE key = 'revision'").pluck();
  const security = securityHeaders(loadConfig({}), 'api');
  const server = createServer({ noDelay: true }, (req: IncomingMessage, res) => {
    const url = req.url ?? '';
    const box = new URLSearchParams(url.split('?')[1] ?? '').get('bbox')?.split(',').map(Number) ?? [];
    const found = Uint32Array.from(tree.range(box[0]!, box[1]!, box[2]!, box[3]!)).sort();
    const page = found.subarray(0, LIMIT);
    const request = { protocol: 'http', host: req.headers.host ?? '', url } as unknown as FastifyRequest;
    const links = itemsLinks(request, collection, {
      offset: 0,
      limit: LIMIT,
      numberReturned: page.length,
      hasMore: found.length > page.length,
    });
    const head = {
      type: 'FeatureCollection',
      numberMatched: found.length,
      numberReturned: page.length,
      timeStamp: new Date().toISOString(),
      links,
    };
    const prefix = `${JSON.stringify(head).slice(0, -1)},"features":[`;
    const headLength = Buffer.byteLength(prefix);
    let length = headLength + 2 + Math.max(page.length - 1, 0);
    for (const i of page) length += lengths[i]!;
    const out = Buffer.allocUnsafe(length);
    let p = out.write(prefix, 0);
    page.forEach((i, k) => {
      if (k > 0) out[p++] = 0x2c;
      p += arena.copy(out, p, starts[i]!, starts[i]! + lengths[i]!);
    });
    out.write(']}', p);
    const headers: Record<string, string | number> = Object.fromEntries(security);
    headers.etag = `W/"r${revision.get() as string}-${page.length}"`;
    headers['content-crs'] = CRS84;
    headers['content-type'] = 'application/geo+json; charset=utf-8';
    headers['x-request-id'] = randomUUID();
    headers['content-length'] = length;
    res.writeHead(200, headers);
    res.end(out);
  });
  server.on('close', () => db.close());
  return server;
}

/**
 * "floor: …" for the `c` case (a varied box over `collection`): the floor server's throughput over
 * its baseline's, median of `rounds` paired rounds.
 */
export async function floorLine(
  dbFile: string,
  collection: string,
  c: BenchCase,
  rounds: number,
): Promise<string> {
  const floor = floorServer(loadPoints(dbFile, collection), dbFile, collection);
  const origin = await listen(floor);
  const baseline = baselineServer(await sample(origin, c));
  const baselineOrigin = await listen(baseline);
  try {
    await measure(origin, c);
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const ours = await measure(origin, c);
      ratios.push(ours.reqPerSec / Math.max((await measure(baselineOrigin, c)).reqPerSec, 1e-9));
    }
    return `  floor (node:http doing only the page's own work, no framework or checks): ${c.name} ×${median(ratios).toFixed(2)} of its baseline`;
  } finally {
    await new Promise((r) => floor.close(r));
    await new Promise((r) => baseline.close(r));
  }
}
