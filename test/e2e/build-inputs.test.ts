import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_MANIFEST, staleInput } from '../../client/build/inputManifest';
import { CLIENT_DIST, ensureClientBuilt } from '../helpers/browser';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let copy: string;
beforeAll(async () => {
  await ensureClientBuilt();
  copy = mkdtempSync(path.join(tmpdir(), 'laocai-dist-'));
  cpSync(path.join(CLIENT_DIST, 'index.html'), path.join(copy, 'index.html'));
  cpSync(path.join(CLIENT_DIST, INPUT_MANIFEST), path.join(copy, INPUT_MANIFEST));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the shipped client build records what it bundled (npm start rebuilds on a change)', () => {
  it('records the client code, the static context layer, the packages and the build config — not the catalog', () => {
    const { inputs } = JSON.parse(readFileSync(path.join(copy, INPUT_MANIFEST), 'utf8')) as {
      inputs: Record<string, string>;
    };
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'geodata/context.geojson',
        'client/src/main.tsx',
        'client/src/i18n/vi.json',
        'node_modules/maplibre-gl/dist/maplibre-gl.mjs',
        'vite.config.ts',
      ]),
    );
    // The catalog and the schemas come from the API at run time (issue 9): editing them needs no rebuild.
    expect(Object.keys(inputs).filter((f) => f.startsWith('geodata/schema/'))).toEqual([]);
    expect(staleInput(copy, REPO)).toBeUndefined();
  });

  it('is stale once a bundled geodata file (the context layer) differs from what was bundled', () => {
    const file = path.join(copy, INPUT_MANIFEST);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, string> };
    manifest.inputs['geodata/context.geojson'] = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(manifest));
    expect(staleInput(copy, REPO)).toBe('geodata/context.geojson changed');
  });
});
