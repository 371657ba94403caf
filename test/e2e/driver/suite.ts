import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { TestUser } from '../../helpers/auth';
import { MapAppDriver } from './app.driver';
import { E2eSession, type PageRecord } from './session';

export interface PageOptions {
  /** The browser's language (default vi-VN). */
  locale?: string;
  /** Console errors this test expects (e.g. the browser's line for an answered 422). */
  allowedErrors?: RegExp[];
  /** A touch screen (hasTouch, isMobile), for phone tests. */
  touch?: boolean;
}

/** One test file's browser session: a page per test, checked after each one. */
export interface PageSuite {
  /** The running session (server + browser); valid inside tests. */
  session(): E2eSession;
  /** Given: a fresh page (own browser context) driven like a user. */
  given(viewport?: { width: number; height: number }, options?: PageOptions): Promise<MapAppDriver>;
  /** What the current test's first page recorded so far (console errors, foreign requests). */
  record(): PageRecord;
}

/**
 * Registers the hooks of a browser test file: one server + browser for the file (with `users`
 * created in its temp database, seeded from `geodataDir` when given), pages per test, and after every test: no console error (but
 * those a page allows) and no request that left the test server.
 */
export function pageSuite(opts: { users?: TestUser[]; geodataDir?: string } = {}): PageSuite {
  let session: E2eSession | undefined;
  let pages: { page: Page; record: PageRecord; allowed: RegExp[] }[] = [];
  beforeAll(async () => {
    session = await E2eSession.start(opts);
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async () => {
    const done = pages;
    pages = [];
    for (const p of done) await p.page.close();
    for (const p of done) {
      expect(p.record.consoleErrors.filter((e) => !p.allowed.some((re) => re.test(e)))).toEqual([]);
      expect(p.record.foreignRequests).toEqual([]);
    }
  });
  const running = (): E2eSession => {
    if (!session) throw new Error('the browser session is not started (use inside a test)');
    return session;
  };
  return {
    session: running,
    async given(viewport, options = {}) {
      const opened = await running().newPage(viewport, options.locale, options.touch);
      pages.push({ ...opened, allowed: options.allowedErrors ?? [] });
      return new MapAppDriver(opened.page, running().baseUrl);
    },
    record() {
      const first = pages[0];
      if (!first) throw new Error('no page yet: call given() first');
      return first.record;
    },
  };
}
