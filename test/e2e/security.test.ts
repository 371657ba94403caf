import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { TEST_PASSWORD } from '../helpers/auth';
import { ensureClientBuilt, launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { MapAppDriver } from './driver/app.driver';
import { EditDriver } from './driver/edit.driver';

// Issue 11: the Content-Security-Policy is in force and the app works under it (map, editing),
// and a stored javascript: URL never becomes a link.

/** A spot inside Lào Cai city (district 080), away from the shipped features. */
const CITY: [number, number] = [104.0, 22.47];
const EVIL_URL = 'javascript:alert(document.domain)';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer({ users: [{ username: 'edna', role: 'editor' }] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Watched {
  page: Page;
  /** securitypolicyviolation events and console messages about the policy. */
  violations: string[];
  consoleErrors: string[];
}

/** A fresh page that records every CSP violation (DOM event, from before any script runs) and console error. */
async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const watched: Watched = { page, violations: [], consoleErrors: [] };
  await page.exposeFunction('__reportCsp', (text: string) => watched.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp;
      void report(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) watched.violations.push(m.text());
    if (m.type() === 'error') watched.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watched.consoleErrors.push(`pageerror: ${e.message}`));
  return watched;
}

/** Stores a feature directly in the store, as old or imported data might hold it (no API validation). */
async function storeUnchecked(app: FastifyInstance, properties: Record<string, unknown>): Promise<number> {
  const stored = await app.store.createFeature(
    'industrial-clusters',
    { geometry: { type: 'Point', coordinates: CITY }, properties },
    { username: 'import' },
  );
  return stored.id;
}

async function clusterProperties(name: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/collections/industrial-clusters/items?limit=1`);
  const items = (await res.json()) as ItemsResponse;
  return {
    ...items.features[0]?.properties,
    name,
    name_en: name,
    district_code: '080',
    location_precision: 'surveyed',
    location_uncertainty_km: null,
  };
}

describe('Content-Security-Policy in the browser', () => {
  it('is sent with the page, and nothing violates it while the map loads and an editor draws and saves', async () => {
    const { page, violations, consoleErrors } = await watchedPage();
    const response = await page.goto(`${server.url}/?test#map=13/${CITY[1]}/${CITY[0]}`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('worker-src');
    const app = new MapAppDriver(page, server.url);
    await app.waitForMap();
    // The map drew: MapLibre's canvas is there and its worker ran (the probe settles after tiles).
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);

    const edit = new EditDriver(app);
    await edit.loginAs('edna', TEST_PASSWORD);
    await edit.enterEditMode();
    await edit.drawPolygon([
      [103.99, 22.46],
      [104.01, 22.46],
      [104.01, 22.48],
      [103.99, 22.48],
    ]);
    await expect.poll(() => edit.drawLayerIds()).toContain('td-polygon');
    await edit.fillAll({
      name: 'Cụm CN thử CSP',
      name_en: 'CSP test cluster',
      kind: 'cluster',
      district_code: '080',
      status: 'planned',
      // A site fact with a value carries its own source and confidence (issue 15).
      status_source: 'Kiểm thử CSP',
      status_confidence: 'reported',
      area_ha: '3',
      area_ha_source: 'Kiểm thử CSP',
      area_ha_confidence: 'reported',
      source: 'Kiểm thử CSP',
      confidence: 'reported',
      location_precision: 'surveyed',
      location_method: 'Vẽ trên bản đồ',
    });
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toBe('Đã lưu (phiên bản 1).');

    // Switching to the OpenStreetMap basemap would leave the test server; the policy allows it,
    // but tests make no outside request, so it is checked in the header only.
    expect(csp).toContain('https://tile.openstreetmap.org');
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('the API docs page (Swagger UI) works under its policy (inline styles allowed there only)', async () => {
    const { page, violations, consoleErrors } = await watchedPage();
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('refuses an inline script: the policy really is enforced', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${server.url}/?test`);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((v) => v.includes('script-src'))).toBe(true);
    await page.context().close();
  });
});

describe('stored URLs become links only when they are http(s)', () => {
  it('the API refuses a javascript: source_url with 422 naming the field', async () => {
    const origin = new URL(server.url).origin;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'edna', password: TEST_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const properties = { ...(await clusterProperties('Cụm có liên kết xấu')), source_url: EVIL_URL };
    const res = await fetch(`${server.url}/api/collections/industrial-clusters/items`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin,
        cookie,
      },
      body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: CITY }, properties }),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ field: 'properties.source_url', code: 'InvalidFormat' }),
    );
  });

  it('a javascript: URL already in the data shows as plain text, an https one as a link', async () => {
    const base = await clusterProperties('Cụm dữ liệu cũ');
    const evilId = await storeUnchecked(server.app, {
      ...base,
      name: 'Cụm dữ liệu cũ',
      source: 'Nguồn cũ',
      source_url: EVIL_URL,
    });
    const goodId = await storeUnchecked(server.app, {
      ...base,
      name: 'Cụm dữ liệu tốt',
      source: 'Nguồn tốt',
      source_url: 'https://laocai.gov.vn/tin-tuc',
    });
    const { page, violations, consoleErrors } = await watchedPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const app = new MapAppDriver(page, server.url);
    await app.open(
      `#map=14/${CITY[1]}/${CITY[0]}&layers=districts,clusters&sel=industrial-clusters/${evilId}`,
    );
    await app.openTab('details');
    const provenance = page.getByTestId('details-provenance');
    await expect.poll(() => provenance.textContent()).toContain(EVIL_URL);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await provenance.locator('a').count()).toBe(0);

    await app.open(
      `#map=14/${CITY[1]}/${CITY[0]}&layers=districts,clusters&sel=industrial-clusters/${goodId}`,
    );
    await app.openTab('details');
    await expect
      .poll(() => provenance.locator('a').first().getAttribute('href'))
      .toBe('https://laocai.gov.vn/tin-tuc');
    expect(await provenance.locator('a').first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const stored = (await (
      await fetch(`${server.url}/api/collections/industrial-clusters/items/${evilId}`)
    ).json()) as ApiFeature;
    expect(stored.properties.source_url).toBe(EVIL_URL);
    await page.context().close();
  });
});
