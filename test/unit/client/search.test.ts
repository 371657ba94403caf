import { describe, expect, it } from 'vitest';
import { type SearchEntry, searchEntries } from '../../../client/src/lib/search';

const entries: SearchEntry[] = [
  {
    collection: 'craft-villages',
    id: 1,
    label: 'Rượu ngô Bản Phố',
    texts: ['Rượu ngô Bản Phố', 'Xã Bản Phố'],
  },
  { collection: 'districts', id: 88, label: 'Thị xã Sa Pa', texts: ['Thị xã Sa Pa', 'Sa Pa town'] },
  { collection: 'landmarks', id: 3, label: 'Ga Lào Cai', texts: ['Ga Lào Cai', 'Lao Cai railway station'] },
  { collection: 'districts', id: 82, label: 'Huyện Bát Xát', texts: ['Huyện Bát Xát'] },
  { collection: 'craft-villages', id: 9, label: 'Đan lát Đồng Tuyển', texts: ['Đan lát Đồng Tuyển'] },
];

describe('searchEntries', () => {
  it('"ban pho" finds Bản Phố (diacritics and case ignored)', () => {
    expect(searchEntries(entries, 'ban pho').map((h) => h.label)).toEqual(['Rượu ngô Bản Phố']);
  });

  it('"sa pa" finds Sa Pa, ranking a text that starts with the query first', () => {
    const hits = searchEntries(entries, 'SA PA');
    expect(hits[0]!.label).toBe('Thị xã Sa Pa');
    expect(hits[0]!.score).toBe(4);
  });

  it('"sapa" finds Sa Pa: spaces are ignored as well', () => {
    expect(searchEntries(entries, 'sapa').map((h) => h.label)).toEqual(['Thị xã Sa Pa']);
    expect(searchEntries(entries, 'banpho').map((h) => h.label)).toEqual(['Rượu ngô Bản Phố']);
  });

  it('of hits equally good, the lower rank comes first (an industrial zone before a facility)', () => {
    const same: SearchEntry[] = [
      {
        collection: 'facilities',
        id: 4,
        label: 'Các nhà máy Tằng Loỏng',
        texts: ['Các nhà máy Tằng Loỏng'],
        rank: 4,
      },
      {
        collection: 'industrial-clusters',
        id: 1,
        label: 'KCN Tằng Loỏng',
        texts: ['KCN Tằng Loỏng'],
        rank: 1,
      },
    ];
    expect(searchEntries(same, 'tang loong').map((h) => h.collection)).toEqual([
      'industrial-clusters',
      'facilities',
    ]);
  });

  it('maps đ to d', () => {
    expect(searchEntries(entries, 'dong tuyen').map((h) => h.id)).toEqual([9]);
  });

  it('requires every word', () => {
    expect(searchEntries(entries, 'ban xat')).toEqual([]);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchEntries(entries, '   ')).toEqual([]);
    expect(searchEntries(entries, 'a', 2)).toHaveLength(2);
  });
});
