import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { TEST_PASSWORD } from '../helpers/auth';
import { MapAppDriver } from './driver/app.driver';
import { EditDriver, type LonLat } from './driver/edit.driver';
import { E2eSession, type PageRecord } from './driver/session';
import { StaffApi } from './driver/staff-api';

// Staff editing in the browser (issue 5): accounts made for this run only (no default account).
const USERS = [
  { username: 'edna', role: 'editor' },
  { username: 'eric', role: 'editor' },
  { username: 'adam', role: 'admin' },
  { username: 'vera', role: 'viewer' },
] as const;
const HOSTILE = '<img src=x onerror=alert(1)>';
/** A spot inside Lào Cai city (district 080), away from the shipped features. */
const CITY: LonLat = [104.0, 22.47];

let session: E2eSession;
let pages: { page: Page; record: PageRecord; allowedErrors: RegExp[] }[] = [];

beforeAll(async () => {
  session = await E2eSession.start({ users: [...USERS] });
});

afterAll(async () => {
  await session?.close();
});

afterEach(async () => {
  // Every page: no console error except the answers a test expects (e.g. a 412), no request
  // leaving the test server.
  const done = pages;
  pages = [];
  for (const p of done) await p.page.close();
  for (const p of done) {
    const unexpected = p.record.consoleErrors.filter((e) => !p.allowedErrors.some((re) => re.test(e)));
    expect(unexpected).toEqual([]);
    expect(p.record.foreignRequests).toEqual([]);
  }
});

async function given(allowedErrors: RegExp[] = []): Promise<EditDriver> {
  const { page, record } = await session.newPage();
  pages.push({ page, record, allowedErrors });
  return new EditDriver(new MapAppDriver(page, session.baseUrl));
}

async function feature(collection: string, id: number): Promise<ApiFeature> {
  return session.api<ApiFeature>(`/collections/${collection}/items/${id}`);
}

/** Valid properties for a new industrial cluster (everything the schema requires). */
async function clusterProperties(name: string): Promise<Record<string, unknown>> {
  const items = await session.api<ItemsResponse>('/collections/industrial-clusters/items?limit=1');
  return {
    ...items.features[0]!.properties,
    name,
    name_en: HOSTILE,
    district_code: '080',
    location_precision: 'surveyed',
    location_uncertainty_km: null,
  };
}

describe('staff editing in the browser', () => {
  it('an editor draws a polygon cluster, fills the form, saves, and finds it after a reload', async () => {
    const edit = await given();
    const { app } = edit;
    await app.open(`#map=13/${CITY[1]}/${CITY[0]}&layers=districts,clusters`);
    await edit.loginAs('edna', TEST_PASSWORD);
    await edit.enterEditMode();
    await edit.screenshotBothLanguages('edit-editor');
    await edit.drawPolygon([
      [103.99, 22.46],
      [104.01, 22.46],
      [104.01, 22.48],
      [103.99, 22.48],
    ]);
    await expect.poll(() => edit.drawLayerIds()).toContain('td-polygon');

    // Saving an empty form: nothing is sent, each missing field says so next to it.
    await edit.save();
    await expect.poll(() => edit.fieldError('name').textContent()).toBe('Bắt buộc nhập.');
    await edit.fill('area_ha', '-3');
    await expect.poll(() => edit.fieldError('area_ha').isVisible()).toBe(true);
    await edit.field('area_ha').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await edit.screenshotBothLanguages('edit-form-errors');

    // Another tab and a restyled map (layer toggled) keep the drawing and the draft.
    await app.openTab('layers');
    await app.page.getByTestId('layer-toggle-villages').click();
    await app.waitForSettled();
    await app.openTab('edit');
    expect(await edit.drawLayerIds()).toEqual(expect.arrayContaining(['td-polygon', 'td-point']));
    expect(await edit.field('area_ha').inputValue()).toBe('-3');

    await edit.fillAll({
      name: 'Cụm CN thử nghiệm Đông Phố',
      name_en: 'Dong Pho test cluster',
      kind: 'cluster',
      district_code: '080',
      status: 'planned',
      // A site fact with a value carries its own source and confidence (issue 15).
      status_source: 'Khảo sát thực địa 2026',
      status_confidence: 'reported',
      area_ha: '12,5',
      area_ha_source: 'Khảo sát thực địa 2026',
      area_ha_confidence: 'reported',
      source: 'Khảo sát thực địa 2026',
      confidence: 'reported',
      location_precision: 'surveyed',
      location_method: 'Vẽ trên bản đồ',
    });
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toBe('Đã lưu (phiên bản 1).');
    // The collection reloaded (a restyle): the drawing layers are still there.
    await app.waitForSettled();
    expect(await edit.drawLayerIds()).toContain('td-polygon');
    // The app reloaded the collection: search finds the new cluster before any page reload.
    await app.search('dong pho thu nghiem');
    await expect.poll(() => app.page.getByTestId('search-result').count()).toBe(1);

    await app.reload();
    await app.search('dong pho thu nghiem');
    await app.chooseSearchResult('Cụm CN thử nghiệm Đông Phố');
    await expect.poll(() => app.detailsTitle().textContent()).toBe('Cụm CN thử nghiệm Đông Phố');
    // The site facts (area, status) are on the site card in the details panel (issue 15).
    const props = await app.page.getByTestId('details-panel').textContent();
    expect(props).toContain('12,5 ha');
    expect(props).toContain('Quy hoạch');

    const items = await session.api<ItemsResponse>('/collections/industrial-clusters/items?limit=1000');
    const saved = items.features.find((f) => f.properties.name === 'Cụm CN thử nghiệm Đông Phố');
    expect(saved?.geometry.type).toBe('Polygon');
    expect(saved?.properties).toMatchObject({ area_ha: 12.5, status: 'planned', district_code: '080' });
  });

  it('two editors change one feature: the second save gets the conflict dialog and can re-apply', async () => {
    const a = await given();
    const b = await given([/status of 412/]);
    const target = await feature('industrial-clusters', 2);
    const [lon, lat] = (target.geometry as GeoJSON.Point).coordinates as LonLat;
    for (const [edit, user] of [
      [a, 'edna'],
      [b, 'eric'],
    ] as const) {
      await edit.app.open(`#map=14/${lat}/${lon}&layers=districts,clusters`);
      await edit.loginAs(user, TEST_PASSWORD);
      await edit.enterEditMode();
      await edit.pickOnMap(lon, lat);
      await expect.poll(() => edit.field('name').inputValue()).toBe(String(target.properties.name));
    }
    await a.fill('area_ha', '321');
    await a.save();
    await expect.poll(() => a.notice().textContent()).toMatch(/^Đã lưu/);

    await b.fill('notes', 'Phòng Kinh tế, 0214 000 000');
    await b.save();
    await b.conflictDialog().waitFor();
    expect(await b.conflictDialog().locator('tr[data-field="area_ha"]').textContent()).toContain('321');
    await b.screenshotBothLanguages('edit-conflict');
    await b.reapplyMine();
    await expect.poll(() => b.notice().textContent()).toMatch(/^Đã lưu/);
    expect(await b.conflictDialog().count()).toBe(0);

    const after = await feature('industrial-clusters', 2);
    expect(after.properties).toMatchObject({ area_ha: 321, notes: 'Phòng Kinh tế, 0214 000 000' });
  });

  it('an expired session asks for the login again and keeps the draft', async () => {
    const edit = await given([/status of 401/]);
    const target = await feature('industrial-clusters', 3);
    const [lon, lat] = (target.geometry as GeoJSON.Point).coordinates as LonLat;
    await edit.app.open(`#map=14/${lat}/${lon}&layers=districts,clusters`);
    await edit.loginAs('edna', TEST_PASSWORD);
    await edit.enterEditMode();
    await edit.pickOnMap(lon, lat);
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(target.properties.name));
    await edit.fill('notes', 'UBND huyện Bảo Yên');
    await edit.endSessionOnServer(session.baseUrl);

    await edit.save();
    await edit.page.getByTestId('login-dialog').waitFor();
    expect(await edit.page.getByTestId('staff-login').isVisible()).toBe(true);
    await edit.submitLogin('edna', TEST_PASSWORD);
    expect(await edit.field('notes').inputValue()).toBe('UBND huyện Bảo Yên');
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toMatch(/^Đã lưu/);
    expect((await feature('industrial-clusters', 3)).properties.notes).toBe('UBND huyện Bảo Yên');
  });

  it('an unsaved draft is never replaced silently: picking another feature asks keep or discard', async () => {
    const edit = await given();
    const { page } = edit;
    const a = await feature('industrial-clusters', 5);
    const b = await feature('industrial-clusters', 2);
    const pa = (a.geometry as GeoJSON.Point).coordinates as LonLat;
    const pb = (b.geometry as GeoJSON.Point).coordinates as LonLat;
    const mid: LonLat = [(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2];
    await edit.app.open(`#map=12/${mid[1]}/${mid[0]}&layers=districts,clusters`);
    await edit.loginAs('edna', TEST_PASSWORD);
    await edit.enterEditMode();

    // A draft without changes is replaced at once, and does not warn on unload.
    await edit.pickOnMap(...pb);
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(b.properties.name));
    await edit.pickOnMap(...pa);
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(a.properties.name));
    expect(await edit.discardDialog().count()).toBe(0);
    expect(await edit.wouldWarnOnUnload()).toBe(false);

    // One changed field: another pick asks first, with the focus on "keep editing".
    await edit.fill('notes', 'Ban quản lý các KCN tỉnh');
    expect(await edit.wouldWarnOnUnload()).toBe(true);
    await edit.pickOnMap(...pb);
    await edit.discardDialog().waitFor();
    expect(await page.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' }).count()).toBe(1);
    expect(await edit.focusedTestId()).toBe('discard-keep');
    expect(await edit.app.accessibilityViolations()).toEqual([]);
    await edit.screenshotBothLanguages('edit-discard');

    // "Keep editing": the draft stays, the map's selection goes back to it.
    await edit.keepDraft();
    expect(await edit.field('name').inputValue()).toBe(String(a.properties.name));
    expect(await edit.field('notes').inputValue()).toBe('Ban quản lý các KCN tỉnh');
    await expect.poll(() => edit.app.urlHash()).toContain('sel=industrial-clusters/5');

    // Esc keeps too; then "discard" (from the keyboard) opens the other feature, nothing saved.
    await edit.pickOnMap(...pb);
    await edit.discardDialog().waitFor();
    await page.keyboard.press('Escape');
    await edit.discardDialog().waitFor({ state: 'detached' });
    expect(await edit.field('notes').inputValue()).toBe('Ban quản lý các KCN tỉnh');
    await edit.pickOnMap(...pb);
    await edit.discardDialog().waitFor();
    await edit.discardDraftWithKeyboard();
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(b.properties.name));
    expect(await edit.field('notes').inputValue()).toBe(String(b.properties.notes ?? ''));
    expect((await feature('industrial-clusters', 5)).properties.notes).toEqual(a.properties.notes);

    // Leaving edit mode with unsaved changes asks as well; "keep" leaves the editor open.
    await edit.fill('notes', 'Sở Công Thương');
    await page.getByTestId('staff-edit-toggle').click();
    await edit.discardDialog().waitFor();
    await edit.keepDraft();
    expect(await edit.field('notes').inputValue()).toBe('Sở Công Thương');
    // Closing the page asks the browser to warn (beforeunload); dismissing it keeps the page.
    const prompts: string[] = [];
    page.once('dialog', (d) => {
      prompts.push(d.type());
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => prompts).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await page.getByTestId('editor-close').click();
    await edit.discardDialog().waitFor();
    await edit.page.getByTestId('discard-confirm').click();
    await expect.poll(() => page.getByTestId('editor-panel').count()).toBe(0);
    expect(await edit.wouldWarnOnUnload()).toBe(false);
  });

  it('a feature named like HTML shows as text everywhere and runs nothing', async () => {
    const admin = await StaffApi.login(session.baseUrl, 'adam', TEST_PASSWORD);
    const created = await admin.create('industrial-clusters', {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: CITY },
      properties: await clusterProperties(HOSTILE),
    });
    await admin.patch('industrial-clusters', created.feature.id, created.etag, {
      properties: { notes: HOSTILE },
    });

    const edit = await given();
    const { app, page } = edit;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await app.open(`#map=14/${CITY[1]}/${CITY[0]}&layers=districts,clusters`);

    await app.search('img src');
    await expect.poll(() => page.getByTestId('search-result').first().textContent()).toContain(HOSTILE);
    await app.chooseSearchResult(HOSTILE);
    await expect.poll(() => app.detailsTitle().textContent()).toBe(HOSTILE);
    await app.openTab('list');
    await expect
      .poll(() => page.getByTestId('feature-list-item').filter({ hasText: HOSTILE }).count())
      .toBe(1);
    await app.waitForSettled();
    const p = await app.project(...CITY);
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toBe(HOSTILE);

    await edit.loginAs('adam', TEST_PASSWORD);
    await edit.enterEditMode();
    await edit.pickOnMap(...CITY);
    await expect.poll(() => edit.field('name').inputValue()).toBe(HOSTILE);
    expect(await edit.target().textContent()).toContain(HOSTILE);
    await edit.openHistory();
    await page.getByTestId('history-entry-2').getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('history-diff-2').textContent()).toContain(HOSTILE);
    expect(await edit.historyPanel().locator('h3').textContent()).toContain(HOSTILE);
    await expect
      .poll(() => page.getByTestId('change-entry').filter({ hasText: HOSTILE }).count())
      .toBeGreaterThan(0);
    await edit.screenshotBothLanguages('edit-history');

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('on a 390 px phone the top bar shows the whole title and every control, signed out and in', async () => {
    const { page, record } = await session.newPage({ width: 390, height: 844 });
    pages.push({ page, record, allowedErrors: [] });
    const edit = new EditDriver(new MapAppDriver(page, session.baseUrl));
    await edit.app.open();
    const check = async (state: string) => {
      for (const lang of ['vi', 'en'] as const) {
        await edit.app.switchLanguage(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await edit.app.screenshot(`topbar-phone-${state}-${lang}.png`);
        expect(await edit.topBarProblems(), `${state} ${lang}`).toEqual([]);
      }
      await edit.app.switchLanguage('vi');
    };
    await check('signed-out');
    await edit.loginAs('edna', TEST_PASSWORD);
    await check('signed-in');
    await edit.enterEditMode();
    await check('editing');
  });

  it('a viewer has no edit entry, and logging out ends the session', async () => {
    const edit = await given();
    const { app, page } = edit;
    await app.open();
    await edit.loginAs('vera', TEST_PASSWORD);
    expect(await page.getByTestId('staff-user').textContent()).toBe('Đã đăng nhập: vera (xem)');
    expect(await page.getByTestId('staff-edit-toggle').count()).toBe(0);
    expect(await page.getByTestId('tab-edit').count()).toBe(0);
    await edit.logout();
    await app.reload();
    await page.getByTestId('staff-login').waitFor();
    expect(await page.getByTestId('staff-menu').count()).toBe(0);
  });
});
