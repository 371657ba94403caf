import { describe, it } from 'vitest';
import { pageSuite } from './driver/suite';

const suite = pageSuite();
describe('shots', () => {
  for (const lang of ['vi', 'en'] as const)
    for (const vp of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ])
      it(`${lang} ${vp.width}`, async () => {
        const app = await suite.given(vp, { locale: lang === 'vi' ? 'vi-VN' : 'en-US' });
        const tag = `${vp.width}-${lang}`;
        await app.open(`#profile=085&lang=${lang}`);
        await app.page.getByTestId('profile-counts').waitFor();
        await app.page.waitForTimeout(800);
        await app.screenshot(`shot-profile-${tag}.png`);
        await app.openTab('table');
        await app.page.getByTestId('table-layer').selectOption('craft-villages');
        await app.page.locator('[data-testid="attribute-table"] tbody tr').first().waitFor();
        await app.page.getByTestId('table-sort-name').click();
        await app.page.getByTestId('table-sort-name').click();
        await app.page.waitForTimeout(800);
        await app.screenshot(`shot-table-${tag}.png`);
        await app.page.getByTestId('print-open').click();
        await app.page.getByTestId('print-map').waitFor();
        await app.page.waitForTimeout(300);
        await app.screenshot(`shot-print-${tag}.png`);
      });
});
