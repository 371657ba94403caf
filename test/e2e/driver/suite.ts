import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { MapAppDriver } from './app.driver';
import { E2eSession, type PageRecord } from './session';

/** One test file's browser session: a page per test, checked after each one. */
export interface PageSuite {
  /** The running session (server + browser); valid inside tests. */
  session(): E2eSession;
  /** Given: a fresh page (own browser context) driven like a user. */
  given(viewport?: { width: number; height: number }): Promise<MapAppDriver>;
  /** What the current test's page recorded so far (console errors, foreign requests). */
  record(): PageRecord;
}

/**
 * Registers the hooks of a browser test file: one server + browser for the file, a page per test,
 * and after every test: no console error and no request that left the test server.
 */
export function pageSuite(): PageSuite {
  let session: E2eSession | undefined;
  let current: { page: Page; record: PageRecord } | undefined;
  beforeAll(async () => {
    session = await E2eSession.start();
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async () => {
    const record = current?.record;
    await current?.page.close();
    current = undefined;
    expect(record?.consoleErrors ?? []).toEqual([]);
    expect(record?.foreignRequests ?? []).toEqual([]);
  });
  const running = (): E2eSession => {
    if (!session) throw new Error('the browser session is not started (use inside a test)');
    return session;
  };
  return {
    session: running,
    async given(viewport) {
      current = await running().newPage(viewport);
      return new MapAppDriver(current.page, running().baseUrl);
    },
    record() {
      if (!current) throw new Error('no page yet: call given() first');
      return current.record;
    },
  };
}
