import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';

/**
 * GDAL (gdal-bin: ogrinfo, ogr2ogr; a client nobody here wrote) against one listening server:
 * attribute filters go to the server (seen in the request log), and a layer read in VN-2000 /
 * UTM 48N (EPSG:3405) comes back to WGS 84 through PROJ's own definition of EPSG:3405.
 */
const run = promisify(execFile);
const lines: string[] = [];
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  const version = await run('ogrinfo', ['--version']).catch(() => undefined);
  if (!version) throw new Error('ogrinfo not found: install GDAL with `apt-get install -y gdal-bin`');
  server = await startTestServer({
    env: { LOG_LEVEL: 'info' },
    overrides: { logStream: { write: (line: string) => void lines.push(line) } },
  });
});
afterAll(async () => server?.close());

/** URLs of the requests the server logged since `from` (plugins/request-log.ts, one line each). */
function requestsSince(from: number): string[] {
  return lines
    .slice(from)
    .map((l) => JSON.parse(l) as { msg?: string; url?: string })
    .filter((l) => l.msg === 'request' && l.url)
    .map((l) => l.url!);
}

const ITEMS = '/api/collections/craft-villages/items';

describe('GDAL against the server', () => {
  it('ogrinfo -where on a queryable is answered by the server, not by downloading the layer', async () => {
    const all = (await (await fetch(`${server.url}${ITEMS}?limit=1000`)).json()) as FeatureCollection;
    const craft = all.features[0]!.properties!.craft as string;
    const expected = all.features.filter((f) => f.properties!.craft === craft).length;
    expect(expected).toBeLessThan(all.features.length);
    const from = lines.length;
    const { stdout } = await run(
      'ogrinfo',
      ['-ro', '-q', `OAPIF:${server.url}/api`, 'craft-villages', '-where', `craft = '${craft}'`],
      { timeout: 60_000 },
    );
    expect(stdout.match(/^OGRFeature\(craft-villages\)/gm)?.length).toBe(expected);
    const pages = requestsSince(from).filter((u) => u.startsWith(`${ITEMS}?`));
    // The last reads carry the filter (GDAL first samples 10 features for the schema).
    const filtered = pages.filter((u) => new URLSearchParams(u.split('?')[1]).get('craft') === craft);
    expect(filtered.length).toBeGreaterThan(0);
    expect(pages.filter((u) => /offset=/.test(u) && !u.includes('craft='))).toEqual([]);
  }, 90_000);

  it('ogr2ogr reads the layer in EPSG:3405 (crs=…) and PROJ takes it back to our CRS84 within 5 cm', async () => {
    const crs = 'http://www.opengis.net/def/crs/EPSG/0/3405';
    const url = `${server.url}${ITEMS}?limit=1000&crs=${encodeURIComponent(crs)}`;
    const from = lines.length;
    const { stdout } = await run(
      'ogr2ogr',
      ['-f', 'GeoJSON', '/vsistdout/', '-s_srs', 'EPSG:3405', '-t_srs', 'EPSG:4326', `GeoJSON:${url}`],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(requestsSince(from).some((u) => u.includes('crs='))).toBe(true);
    const back = JSON.parse(stdout) as FeatureCollection<Point>;
    const original = (await (
      await fetch(`${server.url}${ITEMS}?limit=1000`)
    ).json()) as FeatureCollection<Point>;
    expect(back.features.length).toBe(original.features.length);
    let worst = 0;
    for (const f of back.features) {
      const o = original.features[back.features.indexOf(f)]!;
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const [lon0, lat0] = o.geometry.coordinates as [number, number];
      const metres = Math.hypot(
        (lon - lon0) * 111_320 * Math.cos((lat0 * Math.PI) / 180),
        (lat - lat0) * 110_574,
      );
      worst = Math.max(worst, metres);
    }
    expect(worst).toBeLessThan(0.05);
  }, 90_000);
});
