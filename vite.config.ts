import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { firstLoadSize } from './client/build/firstLoadSize.ts';
import { inputManifest } from './client/build/inputManifest.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
/** Files that shape the build without being bundled modules (npm start rebuilds when one changes). */
const BUILD_FILES = [
  'vite.config.ts',
  'client/index.html',
  'client/build/firstLoadSize.ts',
  'client/build/inputManifest.ts',
];

// One config for the client build (Vite) and the test runner (Vitest).
// Test projects: fast node tests (unit, store, api, geodata) run in parallel;
// browser end-to-end tests (headless Chromium) run one file at a time.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), firstLoadSize(), inputManifest({ root: repoRoot, extra: BUILD_FILES })],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre alone is ~1 MB minified (~295 KB gzip); the first-load budget is checked by firstLoadSize().
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        // Vendor chunks that change rarely, cached apart from the app code.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['test/unit/**/*.test.ts', 'test/store/**/*.test.ts', 'test/api/**/*.test.ts'],
          environment: 'node',
          // One throw-away PostgreSQL + PostGIS cluster for the run (store and multi-instance tests).
          globalSetup: ['test/setup/postgres.global.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
