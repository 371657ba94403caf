import { readFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  checkSourceKinds,
  classifyUrl,
  type SourceKinds,
} from '../../../geodata/scripts/checks/source-kinds.check';

const kinds = JSON.parse(readFileSync('geodata/source-kinds.json', 'utf8')) as SourceKinds;

function village(source: string, source_url: string | null): Feature {
  return {
    type: 'Feature',
    id: 7,
    geometry: null as never,
    properties: { name: 'Tả Phìn', source, source_url },
  };
}

describe('source kinds: every cited URL is of an acceptable kind', () => {
  it('classifies hosts by the list (subdomains included, www ignored, paths where given)', () => {
    expect(classifyUrl('https://ttknns.laocai.gov.vn/x', kinds)).toEqual({
      acceptable: true,
      kind: 'government',
    });
    expect(classifyUrl('https://www.tienphong.vn/a', kinds)).toEqual({ acceptable: true, kind: 'press' });
    expect(classifyUrl('https://dulichvn.org.vn/i', kinds)).toEqual({
      acceptable: true,
      kind: 'official_tourism',
    });
    expect(classifyUrl('https://github.com/daohoangson/dvhcvn', kinds)).toMatchObject({ acceptable: true });
    expect(classifyUrl('https://github.com/someone/else', kinds)).toMatchObject({
      acceptable: false,
      reason: 'unknown',
    });
  });

  it('fails a gambling domain, a blog and an unlisted host', () => {
    const f = village(
      'https://www.bet365lotto.com/kinh-doanh-xanh/x.html; http://i-dulich.blogspot.com/2011/x.html; https://example.com/y',
      'https://www.bet365lotto.com/kinh-doanh-xanh/x.html',
    );
    const problems = checkSourceKinds('craft-villages', [f], kinds);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Gambling'),
      expect.stringContaining('blogs'),
      expect.stringContaining('in no kind of source'),
    ]);
  });

  it("passes today's Tả Phìn record, re-sourced from the press and the tourism authority", () => {
    const fc = JSON.parse(readFileSync('geodata/craft-villages.geojson', 'utf8')) as { features: Feature[] };
    const taPhin = fc.features.filter((f) => String(f.properties?.name).includes('Tả Phìn'));
    expect(taPhin).toHaveLength(1);
    expect(checkSourceKinds('craft-villages', taPhin, kinds)).toEqual([]);
    expect(taPhin[0]!.properties?.source_url).toContain('tienphong.vn');
  });
});
