import { describe, expect, it } from 'vitest';
import { formatProperty } from '../../../client/src/features/inspect/formatProperty';
import { initialLanguage } from '../../../client/src/i18n/I18n';
import { checkFilters } from '../../../client/src/lib/filters';
import { formatWithUnit } from '../../../client/src/lib/format';
import { spreadOffset, spreadSlots } from '../../../client/src/lib/spread';
import { decodeUrlState, encodeUrlState, type LinkSchema } from '../../../client/src/lib/urlState';

const yesNo = { yes: 'Có', no: 'Không' };
const link: LinkSchema = { layers: [{ key: 'villages', visible: true }], filters: ['district', 'craft'] };

describe('filters of a link', () => {
  it('apply known values and report unknown ones instead of hiding everything', () => {
    const known = { district: new Set(['086']), craft: new Set(['forging']), status: new Set(['planned']) };
    expect(checkFilters({ district: '999', craft: 'forging' }, known)).toEqual({
      applied: { craft: 'forging' },
      unknown: [{ key: 'district', value: '999' }],
    });
  });
});

describe('language', () => {
  it('is part of the link', () => {
    const hash = encodeUrlState({ ...decodeUrlState('', link), lang: 'en' }, link);
    expect(hash).toContain('lang=en');
    expect(decodeUrlState(hash, link).lang).toBe('en');
    expect(decodeUrlState('#lang=fr', link).lang).toBeUndefined();
  });

  it('opens in the link language, else the remembered one, else English for an English browser', () => {
    expect(initialLanguage({ link: 'vi', stored: 'en', browser: ['en-US'] })).toBe('vi');
    expect(initialLanguage({ stored: 'vi', browser: ['en-US'] })).toBe('vi');
    expect(initialLanguage({ stored: null, browser: ['en-GB', 'vi'] })).toBe('en');
    expect(initialLanguage({ stored: null, browser: ['fr-FR', 'vi-VN', 'en'] })).toBe('vi');
    expect(initialLanguage({ stored: null, browser: ['de'] })).toBe('vi');
  });
});

describe('words and numbers', () => {
  it('codes show as codes, not as the names of their vocabulary', () => {
    const schema = {
      properties: { district_code: { 'x-enum-titles': { '089': { vi: 'Huyện Văn Bàn', en: 'Van Ban' } } } },
    };
    expect(formatProperty(schema, 'district_code', '089', 'vi', yesNo)).toEqual({
      kind: 'text',
      text: '089',
    });
    expect(formatProperty(undefined, 'code', '089', 'en', yesNo)).toEqual({ kind: 'text', text: '089' });
  });

  it('degree units attach without a space', () => {
    expect(formatWithUnit(104.25, '°', 'vi')).toBe('104,25°');
  });
});

describe('spreading features at the same place', () => {
  it('gives each feature of a shared place its own slot, the higher-ranked at slot 0', () => {
    const slots = spreadSlots([
      { key: 'landmarks/4', rank: 3, id: 4, lon: 103.946, lat: 22.521 },
      { key: 'landmarks/2', rank: 3, id: 2, lon: 103.946, lat: 22.521 },
      { key: 'industrial-clusters/3', rank: 1, id: 3, lon: 104.47, lat: 22.233 },
      { key: 'landmarks/11', rank: 3, id: 11, lon: 104.47, lat: 22.233 },
      { key: 'craft-villages/1', rank: 5, id: 1, lon: 104.27, lat: 22.545 },
    ]);
    expect(Object.fromEntries(slots)).toEqual({
      'landmarks/2': '0/2',
      'landmarks/4': '1/2',
      'industrial-clusters/3': '0/2',
      'landmarks/11': '1/2',
    });
  });

  it('puts two side by side and more on a circle, never on top of each other', () => {
    expect(spreadOffset(0, 2)[0]).toBeLessThan(0);
    expect(spreadOffset(1, 2)[0]).toBeGreaterThan(0);
    const three = [0, 1, 2].map((k) => spreadOffset(k, 3).join(','));
    expect(new Set(three).size).toBe(3);
  });
});
