import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { artifactPath } from '../../helpers/browser';

/**
 * Given / when / then steps on the map app, through stable data-testids and the read-only map
 * probe (`window.__mapProbe`, enabled by the `?test` flag). Tests act like a user: clicks and keys.
 */
export class MapAppDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  // ---- given
  /** Opens the app with an optional URL hash (shared state) and waits for the map to settle. */
  async open(hash = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?test${hash}`);
    await this.waitForMap();
  }

  async waitForMap(): Promise<void> {
    await this.page.getByTestId('map').waitFor();
    await this.page.waitForFunction(() => window.__mapProbe?.settled() === true, undefined, {
      timeout: 45_000,
    });
  }

  /** Waits until the camera stops and the map has re-rendered (after a fly-to or a style change). */
  async waitForSettled(): Promise<void> {
    await this.page.waitForTimeout(250);
    await this.page.waitForFunction(() => window.__mapProbe?.settled() === true, undefined, {
      timeout: 30_000,
    });
  }

  // ---- then
  /**
   * WCAG 2.1 A/AA violations axe-core finds in the page as it is now (contrast, names, labels,
   * landmarks...), as readable lines. axe is injected as a script text: no network request.
   */
  async accessibilityViolations(): Promise<string[]> {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    if (!(await this.page.evaluate(() => 'axe' in window))) {
      // Evaluated through the DevTools protocol, not as an inline <script>: the CSP forbids those.
      await this.page.evaluate(readFileSync(axePath, 'utf8'));
    }
    return this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: AxeLike }).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`),
      );
    });
  }

  // ---- when
  async search(text: string): Promise<void> {
    await this.page.getByTestId('search-input').fill(text);
  }

  async chooseSearchResult(labelContains: string): Promise<void> {
    await this.page.getByTestId('search-result').filter({ hasText: labelContains }).first().click();
  }

  /** Clicks the map canvas where lon/lat is drawn. */
  async clickMapAt(lon: number, lat: number): Promise<void> {
    const p = await this.page.evaluate(([x, y]) => window.__mapProbe!.project(x, y), [lon, lat] as const);
    await this.page.mouse.click(p.x, p.y);
  }

  async switchLanguage(lang: 'vi' | 'en'): Promise<void> {
    await this.page.getByTestId(`lang-${lang}`).click();
  }

  async openTab(
    id: 'layers' | 'indicators' | 'charts' | 'profile' | 'table' | 'filters' | 'list' | 'details' | 'edit',
  ): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForMap();
  }

  async screenshot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: artifactPath(name) });
  }

  // ---- then
  detailsTitle(): Locator {
    return this.page.getByTestId('details-title');
  }

  legendClasses(): Locator {
    return this.page.getByTestId('legend-class');
  }

  sidePanel(): Locator {
    return this.page.getByTestId('side-panel');
  }

  view(): Promise<{ zoom: number; lat: number; lon: number }> {
    return this.page.evaluate(() => window.__mapProbe!.view());
  }

  urlHash(): Promise<string> {
    return this.page.evaluate(() => window.location.hash);
  }

  /** The test id of the focused element (or null). */
  focusedTestId(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  }

  /** Ids of the map's style layers now. */
  layerIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__mapProbe!.layerIds());
  }

  /** Screen position (viewport CSS px) of a lon/lat. */
  project(lon: number, lat: number): Promise<{ x: number; y: number }> {
    return this.page.evaluate(([x, y]) => window.__mapProbe!.project(x, y), [lon, lat] as const);
  }

  /**
   * Counts, in a PNG screenshot, the pixels within `tolerance` (per channel) of each colour, only
   * inside the box [x0, y0, x1, y1] (CSS px). Decoded in the page from bytes (no request made).
   */
  async countColours(
    png: Buffer,
    colours: string[],
    box: [number, number, number, number],
    tolerance = 8,
  ): Promise<number[]> {
    return this.page.evaluate(
      async ({ b64, colours, box, tolerance }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const [x0, y0, x1, y1] = box.map(Math.round) as [number, number, number, number];
        const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
        const targets = colours.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
        const counts = colours.map(() => 0);
        for (let i = 0; i < data.length; i += 4) {
          targets.forEach((t, k) => {
            if (
              Math.abs(data[i]! - t[0]!) <= tolerance &&
              Math.abs(data[i + 1]! - t[1]!) <= tolerance &&
              Math.abs(data[i + 2]! - t[2]!) <= tolerance
            ) {
              counts[k]! += 1;
            }
          });
        }
        return counts;
      },
      { b64: png.toString('base64'), colours, box, tolerance },
    );
  }
}

/** The part of axe-core's API the accessibility check uses (axe runs inside the page). */
interface AxeLike {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
}
