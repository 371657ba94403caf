import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestUser } from '../../helpers/auth';
import { ensureClientBuilt, launchBrowser } from '../../helpers/browser';
import { startTestServer } from '../../helpers/server';

export interface Viewport {
  width: number;
  height: number;
}

/** What a page did that a test must check: console errors and requests off the test server. */
export interface PageRecord {
  consoleErrors: string[];
  foreignRequests: string[];
}

/**
 * One browser and one real server (temp database, free port) for a test file.
 * Each `newPage` is a fresh browser context (no shared storage) whose console errors, page errors
 * and requests to any origin other than the test server are recorded.
 */
export class E2eSession {
  private contexts: BrowserContext[] = [];

  private constructor(
    readonly baseUrl: string,
    private readonly browser: Browser,
    private readonly closeServer: () => Promise<void>,
  ) {}

  /**
   * `users`: accounts created in the temp database before the server answers (no default account).
   * `geodataDir`: the datasets and catalog the server seeds from and describes (its GEODATA_DIR;
   * default the shipped geodata/). `dataDir`: an already seeded DATA_DIR (e.g. helpers/largeData), kept on close.
   * `E2E_CLIENT_DIR` (environment) serves another built client instead of dist/client, e.g. a
   * build of main's client, to check that a new browser test fails there.
   */
  static async start(
    opts: { users?: TestUser[]; geodataDir?: string; dataDir?: string } = {},
  ): Promise<E2eSession> {
    await ensureClientBuilt();
    const server = await startTestServer({
      users: opts.users,
      geodataDir: opts.geodataDir,
      dataDir: opts.dataDir,
      clientDir: process.env.E2E_CLIENT_DIR,
    });
    try {
      const browser = await launchBrowser();
      return new E2eSession(server.url, browser, () => server.close());
    } catch (err) {
      await server.close();
      throw err;
    }
  }

  /**
   * `locale`: the browser's language (default Vietnamese, the app's own default); `touch`: a phone
   * (touch screen, mobile viewport; the mouse still works, like a phone with a pointer).
   */
  async newPage(
    viewport: Viewport = { width: 1280, height: 800 },
    locale = 'vi-VN',
    touch = false,
  ): Promise<{ page: Page; record: PageRecord }> {
    const context = await this.browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      locale,
      ...(touch ? { hasTouch: true, isMobile: true } : {}),
    });
    this.contexts.push(context);
    const page = await context.newPage();
    const record: PageRecord = { consoleErrors: [], foreignRequests: [] };
    const origin = new URL(this.baseUrl).origin;
    page.on('console', (m) => {
      if (m.type() === 'error') record.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => record.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) record.foreignRequests.push(url);
    });
    return { page, record };
  }

  /** Reads JSON from the test server's API (for test data: names, coordinates). */
  async api<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api${path}`);
    if (!res.ok) throw new Error(`GET /api${path} → ${res.status}`);
    return (await res.json()) as T;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close();
    await this.closeServer();
  }
}
