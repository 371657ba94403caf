import { describe, expect, it } from 'vitest';
import type { ApiFeature } from '../../server/src/contract/api';
import { TEST_PASSWORD } from '../helpers/auth';
import { EditDriver, type LonLat } from './driver/edit.driver';
import { pageSuite } from './driver/suite';

// Issue 8, the editor: it never shows staff wrong values, and says what the server decided.
const suite = pageSuite({ users: [{ username: 'tam', role: 'editor' }] });

async function editorAt(at: LonLat, allowedErrors: RegExp[] = []): Promise<EditDriver> {
  const edit = new EditDriver(await suite.given(undefined, { allowedErrors }));
  await edit.app.open(`#map=14/${at[1]}/${at[0]}&layers=districts,clusters,villages,facilities,landmarks`);
  await edit.loginAs('tam', TEST_PASSWORD);
  await edit.enterEditMode();
  return edit;
}

async function feature(collection: string, id: number): Promise<ApiFeature> {
  return suite.session().api<ApiFeature>(`/collections/${collection}/items/${id}`);
}

function at(f: ApiFeature): LonLat {
  return (f.geometry as GeoJSON.Point).coordinates as LonLat;
}

describe('the editor shows the picked feature as the server holds it', () => {
  it('a facility picked on the map while "Industrial clusters" is chosen opens with its own schema and values', async () => {
    const facility = await feature('facilities', 2);
    const edit = await editorAt(at(facility));
    expect(await edit.page.getByTestId('editor-collection').inputValue()).toBe('industrial-clusters');
    await edit.pickOnMap(...at(facility));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(facility.properties.name));
    expect(await edit.page.getByTestId('editor-collection').inputValue()).toBe('facilities');
    const p = facility.properties;
    expect(await edit.field('sector').inputValue()).toBe(String(p.sector));
    expect(await edit.field('owner').inputValue()).toBe(String(p.owner));
    expect(await edit.field('support_type').inputValue()).toBe(String(p.support_type));
    expect(await edit.field('support_year').inputValue()).toBe(String(p.support_year));
    expect(await edit.field('support_amount_million_vnd').inputValue()).toBe(
      String(p.support_amount_million_vnd),
    );
    // Nothing is marked invalid: the form holds the stored, valid values.
    expect(await edit.page.locator('[aria-invalid="true"]').count()).toBe(0);
  });

  it('a facility chosen through search while editing clusters opens in the editor with its values', async () => {
    const facility = await feature('facilities', 6);
    const cluster = await feature('industrial-clusters', 1);
    const edit = await editorAt(at(cluster));
    await edit.pickOnMap(...at(cluster));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(cluster.properties.name));
    await edit.app.search(String(facility.properties.name));
    await edit.app.chooseSearchResult(String(facility.properties.name));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(facility.properties.name));
    expect(await edit.page.getByTestId('tab-edit').getAttribute('aria-selected')).toBe('true');
    expect(await edit.field('sector').inputValue()).toBe(String(facility.properties.sector));
    expect(await edit.field('khuyen_cong_supported').isChecked()).toBe(
      facility.properties.khuyen_cong_supported,
    );
  });
});

describe('the editor says what the server decided, in the UI language', () => {
  it('a 422 focuses the first marked field, scrolled into view, with the message in Vietnamese', async () => {
    const cluster = await feature('industrial-clusters', 4);
    const edit = await editorAt(at(cluster), [/status of 422/]);
    await edit.pickOnMap(...at(cluster));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(cluster.properties.name));
    // The schema sets no length for notes; the server caps every text at 2,000 characters.
    await edit.fill('notes', 'x'.repeat(2001));
    await edit.page.getByTestId('editor-collection').focus();
    await edit.save();
    await expect.poll(() => edit.fieldError('notes').textContent()).toBe('Tối đa 2.000 ký tự.');
    expect(await edit.notice().textContent()).toBe(
      'Máy chủ không chấp nhận dữ liệu: xem các trường được đánh dấu.',
    );
    expect(await edit.focusedTestId()).toBe('field-notes');
    const inView = await edit.field('notes').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await edit.screenshotBothLanguages('edit-422');
    await edit.app.switchLanguage('en');
    await expect.poll(() => edit.fieldError('notes').textContent()).toBe('At most 2,000 characters.');
  });

  it('a district code the location contradicts is set from the location, and the editor says so', async () => {
    const cluster = await feature('industrial-clusters', 6);
    const edit = await editorAt(at(cluster));
    await edit.pickOnMap(...at(cluster));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(cluster.properties.name));
    expect(await edit.page.getByText('Tự đặt theo vị trí khi lưu.').count()).toBe(1);
    await edit.fill('district_code', '082');
    await edit.save();
    await expect
      .poll(() => edit.notice().textContent())
      .toMatch(/^Đã lưu \(phiên bản \d+\)\. Mã huyện đặt theo vị trí: Huyện Bảo Thắng \(086\)\.$/);
    expect(await edit.field('district_code').inputValue()).toBe('086');
    expect((await feature('industrial-clusters', 6)).properties.district_code).toBe('086');
  });

  it('after a revert, the stale "Saved (version N)" text is gone', async () => {
    const cluster = await feature('industrial-clusters', 5);
    const edit = await editorAt(at(cluster));
    await edit.pickOnMap(...at(cluster));
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(cluster.properties.name));
    await edit.fill('notes', 'Phòng Kinh tế – Hạ tầng');
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toMatch(/^Đã lưu \(phiên bản 2\)/);
    await edit.fill('notes', 'UBND huyện Bát Xát');
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toMatch(/^Đã lưu \(phiên bản 3\)/);
    await edit.openHistory();
    await edit.page.getByTestId('history-revert-2').click();
    await edit.page.getByTestId('history-revert-2-yes').click();
    await expect.poll(() => edit.historyPanel().getByRole('status').textContent()).toMatch(/phiên bản 2/);
    expect(await edit.notice().count()).toBe(0);
    expect(await edit.field('notes').inputValue()).toBe('Phòng Kinh tế – Hạ tầng');
  });
});
