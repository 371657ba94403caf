/**
 * `npm run perf:map`: time from navigation to the map's first `idle` with all layers drawn
 * (data loaded, indicator classes applied), 5 runs, median — next to a bare MapLibre page with an
 * empty style served from the same origin, measured in the same run. Prints the ratio.
 * Both pages are loaded in a fresh browser context (cold cache) each run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt, launchBrowser } from '../../helpers/browser';
import { startTestServer } from '../../helpers/server';

const RUNS = 5;
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
  try {
    const app: number[] = [];
    const bare: number[] = [];
    // Interleave so that both see the same machine load.
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeBare(browser, server.url));
      app.push(await timeApp(browser, server.url));
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    const appMedian = median(app);
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
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`perf:map failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
