import { describe, expect, it } from 'vitest';
import { validateFeatureWrite } from '../../../server/src/validation/feature.validation';
import { facilityInput, facilityProperties } from './write-fixtures';

// source_lang describes the words of the record's citations: a write that rewords a citation
// without saying its language leaves the language unknown (no "(tiếng Anh)"), never stale.
describe('validateFeatureWrite: the language of the citation (source_lang)', () => {
  const before = facilityProperties({ source: 'Press, 2012 (photo caption)', source_lang: 'en' });

  function written(after: Record<string, unknown>) {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties(after) }, { current: { properties: before } }),
    );
    if (!result.valid) throw new Error(JSON.stringify(result.errors));
    return result.feature.properties;
  }

  it('keeps it when the citation is unchanged, or when the write says the new language', () => {
    expect(written({ source: before.source, source_lang: 'en' }).source_lang).toBe('en');
    expect(
      written({ source: 'Báo Lào Cai, bài của năm 2012 về các làng nghề', source_lang: 'vi' }).source_lang,
    ).toBe('vi');
  });

  it('drops it when the citation is reworded and the language sent back is the old one', () => {
    expect('source_lang' in written({ source: 'Báo Lào Cai, bài của năm 2012', source_lang: 'en' })).toBe(
      false,
    );
  });

  it('is optional, and refuses a value outside the list', () => {
    expect(validateFeatureWrite(facilityInput({})).valid).toBe(true);
    const bad = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ source_lang: 'fr' }) }),
    );
    expect(bad).toMatchObject({ valid: false, errors: [{ field: 'properties.source_lang' }] });
  });
});
