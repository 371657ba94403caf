import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { IndicatorValuesResponse } from '../../server/src/contract/api';
import { artifactPath } from '../helpers/browser';
import { pageSuite } from './driver/suite';

// Issue 16: print layout to PDF (headless Chromium's page.pdf), PNG export, the share link.
const suite = pageSuite();
const given = suite.given;

/** Distinct colours in a PNG (decoded in the page from its bytes: no request). */
async function distinctColours(page: import('playwright-core').Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  }, png.toString('base64'));
}

/** The map frame's inner width against the image's, and the image's shown and natural aspect. */
async function mapFit(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const figure = document.querySelector<HTMLElement>('[data-testid="print-sheet"] .print-map')!;
    const img = figure.querySelector('img')!;
    const box = img.getBoundingClientRect();
    return {
      band: figure.clientWidth - box.width,
      shown: box.width / box.height,
      natural: img.naturalWidth / img.naturalHeight,
    };
  });
}

describe('print and export', () => {
  it('prints the current view to an A4 landscape PDF with title, legend, scale, north, sources, warning, date and link', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('#ind=establishments&year=2012');
    await app.page.getByTestId('print-open').click();
    const img = app.page.getByTestId('print-map');
    await img.waitFor();
    const src = String(await img.getAttribute('src'));
    expect(src.startsWith('data:image/png;base64,')).toBe(true);
    expect(await distinctColours(app.page, Buffer.from(src.split(',')[1]!, 'base64'))).toBeGreaterThan(50);
    await app.page.getByTestId('print-title-input').fill('Báo cáo cơ sở công nghiệp 2012');
    await app.page.getByTestId('print-paper').selectOption('A4');
    await app.page.getByTestId('print-orientation').selectOption('landscape');
    await app.screenshot('planner-print-vi.png');
    // The frame holds exactly the image, on screen and in print, for every paper: no white band
    // beside a map scaled down to the page's height (the scale bar is a share of that frame).
    for (const [paper, orientation] of [
      ['A4', 'landscape'],
      ['A4', 'portrait'],
      ['A3', 'landscape'],
      ['A3', 'portrait'],
    ] as const) {
      await app.page.getByTestId('print-paper').selectOption(paper);
      await app.page.getByTestId('print-orientation').selectOption(orientation);
      // (print media hides the controls: choose on screen, then measure in both media)
      for (const media of ['screen', 'print'] as const) {
        await app.page.emulateMedia({ media });
        const fit = await mapFit(app.page);
        expect(Math.abs(fit.band), `${media} ${paper} ${orientation}`).toBeLessThanOrEqual(1);
        expect(fit.shown).toBeCloseTo(fit.natural, 2);
      }
      await app.page.emulateMedia({ media: 'screen' });
    }
    await app.page.emulateMedia({ media: null });
    await app.page.getByTestId('print-paper').selectOption('A4');
    await app.page.getByTestId('print-orientation').selectOption('landscape');
    const pdf = await app.page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      path: artifactPath('planner-print-vi.pdf'),
    });
    const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const [, , w, h] = page.view as [number, number, number, number];
    expect(Math.round(w)).toBe(842); // A4 landscape in points
    expect(Math.round(h)).toBe(595);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    const compact = text.replace(/\s+/g, ' ');
    expect(compact).toContain('Báo cáo cơ sở công nghiệp 2012');
    expect(compact).toContain('Số liệu minh hoạ');
    expect(compact).toContain('gis.chinhphu.vn');
    expect(compact).toMatch(/\d+ km/);
    expect(compact).toContain('Ngày in');
    expect(compact).toContain('ind=establishments');
    const values = await suite.session().api<IndicatorValuesResponse>('/indicators/establishments?year=2012');
    expect(compact).toContain(values.province!.source.slice(0, 30));
    // The map is an image in the PDF, and not a blank one.
    const ops = await page.getOperatorList();
    const names = ops.fnArray.flatMap((fn, i) =>
      fn === OPS.paintImageXObject ? [String(ops.argsArray[i][0])] : [],
    );
    expect(names.length).toBeGreaterThan(0);
    const images = await Promise.all(
      names.map(
        (n) =>
          new Promise<{ width: number; height: number; data: Uint8ClampedArray }>((resolve) =>
            page.objs.get(n, resolve as (x: unknown) => void),
          ),
      ),
    );
    const map = images.sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
    expect(map.width).toBeGreaterThan(600);
    const stride = map.data.length / (map.width * map.height);
    const colours = new Set<number>();
    for (let i = 0; i < map.data.length; i += stride * 7)
      colours.add((map.data[i]! << 16) | (map.data[i + 1]! << 8) | map.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(50);
  });

  it('A3 portrait changes the page size; the PNG export has the map, legend and attribution', async () => {
    const app = await given({ width: 1440, height: 900 }, { locale: 'en-US' });
    await app.open('#ind=population_density&lang=en');
    await app.page.getByTestId('print-open').click();
    await app.page.getByTestId('print-map').waitFor();
    await app.page.getByTestId('print-paper').selectOption('A3');
    await app.page.getByTestId('print-orientation').selectOption('portrait');
    const pdf = await app.page.pdf({ preferCSSPageSize: true });
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    const [, , w, h] = (await doc.getPage(1)).view as [number, number, number, number];
    expect([Math.round(w), Math.round(h)]).toEqual([842, 1191]);
    expect(await app.page.getByTestId('print-illustrative').count()).toBe(0);
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('print-png').click(),
    ]);
    expect(download.suggestedFilename()).toBe('lao-cai-map.png');
    const png = readFileSync(String(await download.path()));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(await distinctColours(app.page, png)).toBeGreaterThan(50);
    await app.screenshot('planner-print-en.png');
  });

  it('the share link reopens the same view in a new browser context', async () => {
    const app = await given({ width: 1440, height: 900 }, { locale: 'en-US' });
    await app.open('#ind=establishments&year=2008&change=pct&lang=en');
    await app.page.getByTestId('print-open').click();
    const link = String(await app.page.getByTestId('print-link').textContent()).replace(/^Link: /, '');
    expect(link).toContain('change=pct');
    const other = await given({ width: 390, height: 844 }, { locale: 'vi-VN' });
    await other.page.goto(link);
    await other.waitForMap();
    expect(await other.page.getByTestId('app').getAttribute('data-lang')).toBe('en');
    await expect
      .poll(() => other.page.getByTestId('legend-choropleth').first().textContent())
      .toContain('change 2008–2012');
    await other.openTab('charts');
    await expect.poll(() => other.page.getByTestId('chart-mode-pct').isChecked()).toBe(true);
    await other.screenshot('planner-chart-phone-en.png');
  });
});

describe('the embed view', () => {
  it('the embed snippet opens a minimal read-only view (map and legend; no panel, no login)', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('#ind=population_density');
    await app.page.getByTestId('print-open').click();
    const snippet = await app.page.getByTestId('share-embed').inputValue();
    const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toMatch(/\?embed#/);
    expect(snippet).toContain('<iframe');
    const embed = await given({ width: 800, height: 600 });
    await embed.page.goto(String(src).replace('?embed', '?embed&test'));
    await embed.waitForMap();
    expect(await embed.page.getByTestId('embed-legend').isVisible()).toBe(true);
    expect(await embed.page.getByTestId('side-panel').isVisible()).toBe(false);
    expect(await embed.page.getByText('Đăng nhập cán bộ').isVisible()).toBe(false);
    await embed.screenshot('planner-embed-vi.png');
  });
});
