import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_MANIFEST, inputManifest, staleInput } from '../../../client/build/inputManifest';

let root: string;
const out = () => path.join(root, 'dist');

/** A tiny app: index.html → main.js → schema/collections.json, plus a config file that is no module. */
function writeApp(): void {
  mkdirSync(path.join(root, 'schema'), { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><script type="module" src="/main.js"></script>',
  );
  writeFileSync(
    path.join(root, 'main.js'),
    "import c from './schema/collections.json';\ndocument.title = c.name;\n",
  );
  writeFileSync(path.join(root, 'schema/collections.json'), '{ "name": "one" }\n');
  writeFileSync(path.join(root, 'build.config'), 'v1\n');
}

async function buildApp(): Promise<void> {
  const { build } = await import('vite');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [inputManifest({ root, extra: ['build.config'] })],
    build: { outDir: out(), emptyOutDir: true },
  });
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'laocai-inputs-'));
  writeApp();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the client build records its inputs and npm start compares them', () => {
  it('lists every bundled module and the extra files with their hashes', async () => {
    await buildApp();
    const manifest = JSON.parse(readFileSync(path.join(out(), INPUT_MANIFEST), 'utf8')) as {
      inputs: Record<string, string>;
    };
    expect(Object.keys(manifest.inputs)).toEqual(
      expect.arrayContaining(['main.js', 'schema/collections.json', 'build.config']),
    );
    expect(Object.values(manifest.inputs).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(staleInput(out(), root)).toBeUndefined();
  });

  it('finds the build stale when a bundled data file changes, even one outside the client code', async () => {
    await buildApp();
    writeFileSync(path.join(root, 'schema/collections.json'), '{ "name": "two" }\n');
    expect(staleInput(out(), root)).toBe('schema/collections.json changed');
    await buildApp();
    expect(staleInput(out(), root)).toBeUndefined();
  });

  it('finds the build stale when a config file changes or an input is gone, and when there is no build', async () => {
    expect(staleInput(out(), root)).toBe('there is no build');
    await buildApp();
    writeFileSync(path.join(root, 'build.config'), 'v2\n');
    expect(staleInput(out(), root)).toBe('build.config changed');
    rmSync(path.join(root, 'build.config'));
    expect(staleInput(out(), root)).toBe('build.config is gone');
    rmSync(path.join(out(), INPUT_MANIFEST));
    expect(staleInput(out(), root)).toBe(`the build has no ${INPUT_MANIFEST}`);
  });

  it('ignores a change the build did not read (a file no module imports)', async () => {
    await buildApp();
    writeFileSync(path.join(root, 'schema/unused.schema.json'), '{}\n');
    expect(staleInput(out(), root)).toBeUndefined();
  });
});
