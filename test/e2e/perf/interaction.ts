import type { Browser } from 'playwright-core';

export interface InteractionFigures {
  heapAfterLoad: number;
  heapAfterPan: number;
  frames: number;
  medianFrame: number;
  p95Frame: number;
  maxFrame: number;
  /** Requests during the whole page life: vector tiles, and item pages (a download of the layer would show here). */
  tiles: number;
  itemPages: number;
}

/** Records every animation frame's duration in window.__frames until window.__stop. */
const FRAME_RECORDER = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/**
 * Loads the app, then drags the map across (10 steps each way) and zooms in and out with the wheel
 * while a requestAnimationFrame loop records frame times; JS heap (CDP Runtime.getHeapUsage, after
 * a GC) before and after.
 */
export async function measureInteraction(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<InteractionFigures> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    let tiles = 0;
    let itemPages = 0;
    page.on('request', (r) => {
      const u = r.url();
      if (u.includes('/tiles/WebMercatorQuad/')) tiles++;
      else if (/\/items\?/.test(u)) itemPages++;
    });
    const cdp = await context.newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.goto(`${url}/?test`);
    await page.waitForFunction(() => window.__mapProbe?.settled() === true, undefined, {
      timeout: 120_000,
      polling: 100,
    });
    const heapAfterLoad = await heap();
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    await page.evaluate(FRAME_RECORDER);
    const cx = viewport.width / 3;
    const cy = viewport.height / 2;
    await page.mouse.move(cx, cy);
    for (const dir of [1, -1]) {
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(cx + dir * i * 25, cy + dir * i * 12);
      await page.mouse.up();
      await page.mouse.move(cx, cy);
    }
    for (const dy of [-300, -300, 300, 300]) {
      await page.mouse.wheel(0, dy);
      await page.waitForTimeout(150);
    }
    await page.waitForFunction(() => window.__mapProbe?.settled() === true, undefined, {
      timeout: 120_000,
      polling: 100,
    });
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    const heapAfterPan = await heap();
    return {
      heapAfterLoad,
      heapAfterPan,
      frames: frames.length,
      medianFrame: quantile(frames, 0.5),
      p95Frame: quantile(frames, 0.95),
      maxFrame: Math.max(...frames),
      tiles,
      itemPages,
    };
  } finally {
    await context.close();
  }
}
