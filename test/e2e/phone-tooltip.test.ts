import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import type { MapAppDriver } from './driver/app.driver';
import { pageSuite } from './driver/suite';

// Issue 8: on a phone, tooltips never stick or overflow; on a desktop, one goes with the mouse.
const suite = pageSuite();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const ZOOM = 13;
/** A screen row of the phone's map above its open sheet (header ≈ 130 px, sheet from ≈ 440 px). */
const MAP_ROW = 300;

interface Spot {
  name: string;
  lon: number;
  lat: number;
}

/** A facility's position and its name in the language (as its tooltip says it). */
async function facility(id: number, lang: 'vi' | 'en' = 'vi'): Promise<Spot> {
  const all = await suite.session().api<ItemsResponse>('/collections/facilities/items?limit=100');
  const f = all.features.find((x: ApiFeature) => x.id === id);
  if (f?.geometry.type !== 'Point') throw new Error(`no facility ${id}`);
  const [lon, lat] = f.geometry.coordinates as [number, number];
  return { name: String(f.properties[lang === 'en' ? 'name_en' : 'name']), lon, lat };
}

/**
 * Opens the facilities layer alone with `spot` at screen point `to` (CSS px; on the phone, in the
 * map above the open sheet), the link's centre corrected until it is there.
 */
async function openWith(app: MapAppDriver, spot: Spot, to: { x: number; y: number }) {
  const perDegree = (512 * 2 ** ZOOM) / 360;
  const perDegreeLat = perDegree / Math.cos((spot.lat * Math.PI) / 180);
  let [lon, lat] = [spot.lon, spot.lat];
  for (let i = 0; i < 4; i += 1) {
    await app.open(`#map=${ZOOM}/${lat}/${lon}&layers=facilities`);
    await app.waitForSettled();
    const at = await app.project(spot.lon, spot.lat);
    if (Math.abs(at.x - to.x) < 2 && Math.abs(at.y - to.y) < 2) return at;
    lon += (at.x - to.x) / perDegree;
    lat -= (at.y - to.y) / perDegreeLat;
  }
  throw new Error(`could not place ${spot.name} at ${JSON.stringify(to)}`);
}

async function tooltipBox(page: Page) {
  const tip = page.getByTestId('map-tooltip');
  await expect.poll(() => tip.count()).toBe(1);
  const box = await tip.boundingBox();
  if (!box) throw new Error('the tooltip has no box');
  return { box, text: await tip.textContent() };
}

function inside(box: { x: number; y: number; width: number; height: number }, vp: typeof PHONE) {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

/** A one-finger drag on the map (touch events through the DevTools protocol), in steps. */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const point = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(0) });
  for (let i = 1; i <= 8; i += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(i / 8) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const tooltips = (page: Page) => page.getByTestId('map-tooltip');

/** The mouse onto a point, from a few pixels away (a move to where it already is moves nothing). */
async function hover(page: Page, at: { x: number; y: number }) {
  await page.mouse.move(at.x + 8, at.y + 8);
  await page.mouse.move(at.x, at.y);
}

describe('phone (390×844, touch): tooltips never stick or overflow', () => {
  it('a hovered symbol’s tooltip lies inside the screen, also at the right and left edges and for a long name', async () => {
    const app = await suite.given(PHONE, { touch: true });
    const long = await facility(4); // the longest name of the layer
    expect(long.name.length).toBeGreaterThan(50);
    const widths: number[] = [];
    for (const atX of [PHONE.width - 10, PHONE.width / 2, 10]) {
      const at = await openWith(app, long, { x: atX, y: MAP_ROW });
      await hover(app.page, at);
      const { box, text } = await tooltipBox(app.page);
      expect(text).toBe(long.name);
      expect(inside(box, PHONE), `tooltip at ${JSON.stringify(box)} for a symbol at x=${atX}`).toBe(true);
      widths.push(Math.round(box.width));
      await app.screenshot(`phone-tooltip-${atX < 100 ? 'left' : atX > 300 ? 'right' : 'middle'}-vi.png`);
    }
    // Flipped, not squeezed: as wide at the edges as in the middle (a long name wraps at its max width).
    expect(new Set(widths).size, `widths ${widths.join(', ')}`).toBe(1);
  });

  it('goes away after a tap elsewhere on the map, after panning, and when the sheet opens', async () => {
    const app = await suite.given(PHONE, { touch: true });
    const spot = await facility(4);
    const at = await openWith(app, spot, { x: PHONE.width / 2, y: MAP_ROW });
    const empty = { x: at.x + 100, y: at.y - 100 };
    // A tap elsewhere.
    await hover(app.page, at);
    await tooltipBox(app.page);
    await app.page.touchscreen.tap(empty.x, empty.y);
    await expect.poll(() => tooltips(app.page).count()).toBe(0);
    // A one-finger pan that starts on the symbol.
    await hover(app.page, at);
    await tooltipBox(app.page);
    await touchDrag(app.page, at, { x: at.x - 120, y: at.y - 60 });
    await app.waitForSettled();
    expect(await tooltips(app.page).count()).toBe(0);
    // The sheet opens (here: the symbol is clicked with the pointer while the sheet is collapsed).
    const here = await openWith(app, spot, { x: PHONE.width / 2, y: MAP_ROW });
    await app.page.getByTestId('sheet-toggle').click();
    await expect.poll(() => app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('false');
    await hover(app.page, here);
    await tooltipBox(app.page);
    await app.page.mouse.click(here.x, here.y);
    await expect.poll(() => app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => app.detailsTitle().textContent()).toBe(spot.name);
    await app.screenshot('phone-tooltip-sheet-open-vi.png');
    expect(await tooltips(app.page).count()).toBe(0);
  });

  it('a tap on a symbol opens its details and leaves no tooltip standing', async () => {
    const app = await suite.given(PHONE, { touch: true, locale: 'en-US' });
    const spot = await facility(4);
    const at = await openWith(app, spot, { x: PHONE.width / 2, y: MAP_ROW });
    await app.page.getByTestId('sheet-toggle').tap();
    await expect.poll(() => app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('false');
    await app.page.touchscreen.tap(at.x, at.y);
    await expect.poll(() => app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => app.detailsTitle().textContent())
      .toBe((await suite.session().api<ApiFeature>('/collections/facilities/items/4')).properties.name_en);
    expect(await tooltips(app.page).count()).toBe(0);
    await app.screenshot('phone-tooltip-tap-en.png');
  });
});

describe('desktop (1440×900): the hover tooltip', () => {
  it('disappears when the mouse leaves the symbol and when it leaves the map', async () => {
    const app = await suite.given(DESKTOP, { locale: 'en-US' });
    const spot = await facility(4, 'en');
    const at = await openWith(app, spot, { x: 500, y: 450 });
    await hover(app.page, at);
    const { box } = await tooltipBox(app.page);
    expect(inside(box, DESKTOP)).toBe(true);
    await app.screenshot('desktop-tooltip-en.png');
    // Off the symbol onto the district around it: the tooltip no longer names the facility.
    await app.page.mouse.move(at.x + 60, at.y + 60, { steps: 4 });
    await expect.poll(() => tooltips(app.page).allTextContents()).not.toContain(spot.name);
    await hover(app.page, at);
    expect((await tooltipBox(app.page)).text).toBe(spot.name);
    // Straight off the map onto the side panel, in one jump.
    await app.page.mouse.move(DESKTOP.width - 100, 400);
    await expect.poll(() => tooltips(app.page).count()).toBe(0);
  });
});
