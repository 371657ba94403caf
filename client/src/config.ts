/**
 * Client configuration: the only module that reads `import.meta.env`.
 * `testHooks` exposes a narrow, read-only map probe on `window.__mapProbe` for browser tests;
 * it is on in Vite's `test` mode or when the page URL carries `?test` (harmless in production:
 * the probe only reads the camera and projects coordinates).
 */
export interface ClientConfig {
  apiBase: string;
  testHooks: boolean;
  /** `?embed`: the minimal read-only view for an iframe (map, legend, notices; no panel, no login). */
  embed: boolean;
  /** Remembered UI language key in localStorage. */
  langStorageKey: string;
}

export function loadClientConfig(search: string): ClientConfig {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return Object.freeze({
    apiBase: `${base}/api`,
    testHooks: import.meta.env.MODE === 'test' || new URLSearchParams(search).has('test'),
    embed: new URLSearchParams(search).has('embed'),
    langStorageKey: 'laocai-map.lang',
  });
}
