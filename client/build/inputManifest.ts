import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** Written beside the build: every file the bundle was made from, with its content hash. */
export const INPUT_MANIFEST = 'build-inputs.json';

interface InputManifest {
  /** Repository-relative path (forward slashes) → SHA-256 of the file's bytes. */
  inputs: Record<string, string>;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Records what the client build read: every module the bundler loaded (client code, the
 * geodata/schema JSON it imports, the server contract files, the npm packages) plus `extra` files
 * that shape the build without being modules (vite.config.ts, the build plugins). Emits
 * `build-inputs.json` into the output folder, which `staleInput` compares at `npm start`.
 */
export function inputManifest(options: { root: string; extra: readonly string[] }): Plugin {
  return {
    name: 'input-manifest',
    apply: 'build',
    generateBundle() {
      const files = new Set<string>(options.extra.map((f) => path.resolve(options.root, f)));
      for (const id of this.getModuleIds()) {
        if (id.startsWith('\0')) continue;
        const file = id.split('?')[0] ?? id;
        if (path.isAbsolute(file) && existsSync(file)) files.add(file);
      }
      const inputs: Record<string, string> = {};
      for (const file of [...files].sort()) inputs[relative(options.root, file)] = sha256(file);
      const manifest: InputManifest = { inputs };
      this.emitFile({
        type: 'asset',
        fileName: INPUT_MANIFEST,
        source: `${JSON.stringify(manifest, null, 1)}\n`,
      });
    },
  };
}

/**
 * Why the build in `clientDir` no longer matches its inputs under `root`, or undefined when every
 * recorded file still has the hash it had: no build, no record of the inputs, an input gone, or
 * the first input whose content changed (e.g. "geodata/schema/collections.json changed").
 */
export function staleInput(clientDir: string, root: string): string | undefined {
  if (!existsSync(path.join(clientDir, 'index.html'))) return 'there is no build';
  let manifest: InputManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(clientDir, INPUT_MANIFEST), 'utf8')) as InputManifest;
  } catch {
    return `the build has no ${INPUT_MANIFEST}`;
  }
  for (const [file, hash] of Object.entries(manifest.inputs ?? {})) {
    const full = path.join(root, file);
    if (!existsSync(full)) return `${file} is gone`;
    if (sha256(full) !== hash) return `${file} changed`;
  }
  return undefined;
}
