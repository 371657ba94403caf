import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { staleInput } from '../../client/build/inputManifest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLIENT_DIST = path.join(REPO, 'dist/client');
export const ARTIFACTS = path.join(REPO, 'test-artifacts');

/** Headless Chromium as installed on the machine; no network features that phone home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Builds the client with Vite (production mode, as shipped) when dist/client is missing or a file
 * it was built from changed (the same check as `npm start`). Runs once per process.
 */
let building: Promise<void> | undefined;
export function ensureClientBuilt(): Promise<void> {
  building ??= (async () => {
    if (staleInput(CLIENT_DIST, REPO) === undefined) return;
    const { build } = await import('vite');
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build (twice
    // the size, and not what ships); build as production, then restore the runner's value.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  })();
  return building;
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
