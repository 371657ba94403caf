import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { MapAppDriver } from './app.driver';
import { E2eSession, type PageRecord } from './session';

/** One test file's browser session: a page per test, checked after each one. */
export interface PageSuite {
  /** The running session (server + browser); valid inside tests. */
  session(): E2eSession;
  /** Given: a fresh page (own browser context, browser language `locale`) driven like a user. */
  given(viewport?: { width: number; height: number }, locale?: string): Promise<MapAppDriver>;
  /** What the current test's first page recorded so far (console errors, foreign requests). */
  record(): PageRecord;
}

/**
 * Registers the hooks of a browser test file: one server + browser for the file, a page per test,
 * and after every test: no console error and no request that left the test server.
 */
export function pageSuite(): PageSuite {
  let session: E2eSession | undefined;
  let pages: { page: Page; record: PageRecord }[] = [];
  beforeAll(async () => {
    session = await E2eSession.start();
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async () => {
    const done = pages;
    pages = [];
    for (const p of done) await p.page.close();
    for (const p of done) {
      expect(p.record.consoleErrors).toEqual([]);
      expect(p.record.foreignRequests).toEqual([]);
    }
  });
  const running = (): E2eSession => {
    if (!session) throw new Error('the browser session is not started (use inside a test)');
    return session;
  };
  return {
    session: running,
    async given(viewport, locale) {
      const opened = await running().newPage(viewport, locale);
      pages.push(opened);
      return new MapAppDriver(opened.page, running().baseUrl);
    },
    record() {
      const first = pages[0];
      if (!first) throw new Error('no page yet: call given() first');
      return first.record;
    },
  };
}
