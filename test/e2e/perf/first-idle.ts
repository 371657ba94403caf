/**
 * `npm run perf:map`: time from navigation to the map's first `idle` with all layers drawn
 * (data loaded, indicator classes applied), 5 runs, median — next to a bare MapLibre page with an
 * empty style served from the same origin, measured in the same run. Prints the ratio.
 * Both pages are loaded in a fresh browser context (cold cache) each run.
 * Then the same app on the shipped data plus 100,000 synthetic facilities (a temp database,
 * test/helpers/largeData; the facilities come as vector tiles): its first idle over the shipped
 * data's (goal ≤ 1.5), the JS heap in the tab after load and after a scripted pan and zoom, and the
 * frame times during that pan and zoom; and the first-load JS (dist/client/first-load.json).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt, launchBrowser } from '../../helpers/browser';
import { seedLargeDataDir } from '../../helpers/largeData';
import { startTestServer } from '../../helpers/server';
import { type InteractionFigures, measureInteraction } from './interaction';

const RUNS = 5;
const LARGE = 100_000;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAPLIBRE_DIST = path.join(REPO, 'node_modules/maplibre-gl/dist');
const VIEWPORT = { width: 1280, height: 800 };

const BARE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title>
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from './maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', location.href).href);
const map = new maplibregl.Map({ container: 'map', style: { version: 8, sources: {}, layers: [] }, center: [104, 22.4], zoom: 8 });
map.once('idle', () => { window.__bareIdleAt = performance.now(); });
</script></body></html>`;

async function timeApp(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/?test`);
    await page.waitForFunction(
      () =>
        window.__mapProbe?.settled() === true &&
        document.querySelectorAll('[data-testid="legend-class"]').length > 0 &&
        window.__mapProbe.lastIdleAt() > 0,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    return await page.evaluate(() => window.__mapProbe!.lastIdleAt());
  } finally {
    await context.close();
  }
}

async function timeBare(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const js = (file: string) => ({
      status: 200,
      contentType: 'text/javascript',
      body: readFileSync(path.join(MAPLIBRE_DIST, file)),
    });
    await page.route(`${url}/__bare/**`, (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      if (name === 'maplibre-gl.mjs' || name === 'maplibre-gl-worker.mjs') return route.fulfill(js(name));
      return route.fulfill({ status: 200, contentType: 'text/html', body: BARE_HTML });
    });
    await page.goto(`${url}/__bare/index.html`);
    await page.waitForFunction(
      () => typeof (window as { __bareIdleAt?: number }).__bareIdleAt === 'number',
      undefined,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    return await page.evaluate(() => (window as { __bareIdleAt?: number }).__bareIdleAt!);
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  await ensureClientBuilt();
  const server = await startTestServer();
  const browser = await launchBrowser();
  let appMedian = 0;
  let shipped: InteractionFigures | undefined;
  try {
    const app: number[] = [];
    const bare: number[] = [];
    // Interleave so that both see the same machine load.
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeBare(browser, server.url));
      app.push(await timeApp(browser, server.url));
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    appMedian = median(app);
    const bareMedian = median(bare);
    process.stdout.write(
      [
        `first idle, ${RUNS} runs (ms from navigation):`,
        `  app, all layers:          ${fmt(app)}  → median ${appMedian.toFixed(0)} ms`,
        `  bare MapLibre, empty style: ${fmt(bare)}  → median ${bareMedian.toFixed(0)} ms`,
        `  ratio app / bare: ${(appMedian / bareMedian).toFixed(2)}`,
        '',
      ].join('\n'),
    );
    shipped = await measureInteraction(browser, server.url, VIEWPORT);
  } finally {
    await server.close();
  }
  try {
    await large(browser, appMedian, shipped);
  } finally {
    await browser.close();
  }
}

/** The 100,000-facility case against the shipped data's median first idle. */
async function large(browser: Browser, shippedMedian: number, shipped: InteractionFigures): Promise<void> {
  process.stderr.write(`perf:map: seeding ${LARGE.toLocaleString('en')} synthetic facilities …\n`);
  const dataDir = await seedLargeDataDir(LARGE);
  const server = await startTestServer({ dataDir });
  try {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeApp(browser, server.url));
    const m = median(runs);
    const r = await measureInteraction(browser, server.url, VIEWPORT);
    const size = JSON.parse(readFileSync(path.join(REPO, 'dist/client/first-load.json'), 'utf8')) as {
      firstLoadMainThreadGzipBytes: number;
      budgetKB: number;
    };
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    process.stdout.write(
      [
        `${LARGE.toLocaleString('en')} facilities (vector tiles), first idle, ${RUNS} runs: ${runs.map((x) => x.toFixed(0)).join(', ')}  → median ${m.toFixed(0)} ms`,
        `  ratio large / shipped data: ${(m / shippedMedian).toFixed(2)} (goal ≤ 1.5)`,
        `  JS heap in the tab: ${mb(r.heapAfterLoad)} after load, ${mb(r.heapAfterPan)} after pan and zoom`,
        `  pan and zoom (${r.frames} frames): median frame ${ms(r.medianFrame)}, p95 ${ms(r.p95Frame)}, longest ${ms(r.maxFrame)}; tiles requested ${r.tiles}, items pages ${r.itemPages}`,
        `  shipped data, same pan and zoom: median frame ${ms(shipped.medianFrame)}, p95 ${ms(shipped.p95Frame)}; heap ${mb(shipped.heapAfterPan)} → median frame ratio large / shipped ${(r.medianFrame / shipped.medianFrame).toFixed(2)}`,
        `first-load JS (gzip): ${(size.firstLoadMainThreadGzipBytes / 1024).toFixed(1)} KB of ${size.budgetKB} KB`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`perf:map failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
