import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

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

/** Newest modification time (ms) of the files under a folder, recursively (0 when missing). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the client with Vite (production mode, as shipped) when dist/client is missing or older
 * than any source file under client/ or the schemas it imports. Runs once per process.
 */
let building: Promise<void> | undefined;
export function ensureClientBuilt(): Promise<void> {
  building ??= (async () => {
    const built = existsSync(path.join(CLIENT_DIST, 'index.html')) ? newestMtime(CLIENT_DIST) : 0;
    const sources = Math.max(
      newestMtime(path.join(REPO, 'client')),
      newestMtime(path.join(REPO, 'geodata/schema')),
      statSync(path.join(REPO, 'vite.config.ts')).mtimeMs,
    );
    if (built > sources) return;
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
