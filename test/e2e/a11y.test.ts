import { describe, expect, it } from 'vitest';
import { pageSuite } from './driver/suite';

const { given } = pageSuite();

const TABS = ['layers', 'indicators', 'filters', 'list', 'details'] as const;

describe('accessibility (axe-core, WCAG 2.1 A and AA: contrast, names, labels)', () => {
  it('every panel passes in Vietnamese and English, with a feature selected', async () => {
    const app = await given();
    await app.open();
    await app.search('ban pho');
    await app.chooseSearchResult('Bản Phố');
    await app.waitForSettled();
    const found: string[] = [];
    for (const lang of ['vi', 'en'] as const) {
      await app.switchLanguage(lang);
      for (const tab of TABS) {
        await app.openTab(tab);
        found.push(...(await app.accessibilityViolations()).map((v) => `[${lang}/${tab}] ${v}`));
      }
    }
    expect(found).toEqual([]);
  });

  it('the phone layout and the staff login dialog pass', async () => {
    const app = await given({ width: 390, height: 844 });
    await app.open();
    const found = await app.accessibilityViolations();
    await app.page.getByTestId('staff-login').click();
    await app.page.getByRole('dialog').waitFor();
    found.push(...(await app.accessibilityViolations()).map((v) => `[login] ${v}`));
    expect(found).toEqual([]);
  });
});
