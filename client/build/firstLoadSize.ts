import { gzipSync } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

/** Goal for the first load's main-thread JavaScript, gzip (issue 4). */
export const FIRST_LOAD_BUDGET_KB = 420;

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
}
interface AssetLike {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}

const gz = (data: string | Uint8Array): number => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Prints (and emits as `first-load.json` beside the build) the gzip size of the JavaScript the
 * first page load runs on the main thread: the entry chunks plus every chunk they import statically
 * (lazy chunks excluded). MapLibre's worker is reported separately. Warns above the budget.
 */
export function firstLoadSize(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'first-load-size',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, ChunkLike | AssetLike>;
      const seen = new Set<string>();
      const visit = (name: string): void => {
        const c = files[name];
        if (c?.type !== 'chunk' || seen.has(name)) return;
        seen.add(name);
        c.imports.forEach(visit);
      };
      for (const c of Object.values(files)) if (c.type === 'chunk' && c.isEntry) visit(c.fileName);
      const chunks = [...seen].map((name) => {
        const c = files[name] as ChunkLike;
        return { file: c.fileName, gzipBytes: gz(c.code) };
      });
      const total = chunks.reduce((s, c) => s + c.gzipBytes, 0);
      const worker = Object.values(files).find((f) => f.fileName.includes('maplibre-gl-worker'));
      const workerBytes = worker ? gz(worker.type === 'chunk' ? worker.code : worker.source) : 0;
      const report = {
        firstLoadMainThreadGzipBytes: total,
        budgetKB: FIRST_LOAD_BUDGET_KB,
        chunks,
        workerGzipBytes: workerBytes,
      };
      const lines = [
        `first load, main-thread JS (gzip): ${kb(total)} of ${FIRST_LOAD_BUDGET_KB} KB budget`,
        ...chunks.map((c) => `  ${c.file}: ${kb(c.gzipBytes)}`),
        `MapLibre worker (gzip, separate thread): ${kb(workerBytes)}`,
      ];
      const log = total > FIRST_LOAD_BUDGET_KB * 1024 ? config.logger.warn : config.logger.info;
      log(lines.join('\n'));
      this.emitFile({
        type: 'asset',
        fileName: 'first-load.json',
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
    },
  };
}
