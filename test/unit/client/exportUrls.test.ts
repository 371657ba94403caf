import { describe, expect, it } from 'vitest';
import { bboxParam, indicatorExportUrls, itemExportUrls } from '../../../client/src/lib/exportUrls';

describe('export URLs', () => {
  it('carry the items filters, leave empty ones out, and add f= (GeoJSON: one page of 10,000)', () => {
    const urls = itemExportUrls('/api', 'craft-villages', { district_code: '086', q: 'dệt', craft: '' });
    expect(urls.csv).toBe('/api/collections/craft-villages/items?district_code=086&q=d%E1%BB%87t&f=csv');
    expect(urls.xlsx).toContain('f=xlsx');
    expect(urls.kml).toContain('f=kml');
    expect(urls.geojson).toBe(
      '/api/collections/craft-villages/items?district_code=086&q=d%E1%BB%87t&limit=10000',
    );
    expect(urls.csv).not.toContain('craft=');
  });

  it('an indicator table for one year or all years', () => {
    expect(indicatorExportUrls('/api', 'population', 2012).csv).toBe(
      '/api/indicators/population?year=2012&f=csv',
    );
    expect(indicatorExportUrls('/api', 'population', undefined).xlsx).toBe(
      '/api/indicators/population?f=xlsx',
    );
  });

  it('bbox as w,s,e,n with 6 decimals; a 6-number box keeps its horizontal corners', () => {
    expect(bboxParam([103.5, 22.1, 104.2, 22.9])).toBe('103.500000,22.100000,104.200000,22.900000');
    expect(bboxParam([103.5, 22.1, 0, 104.2, 22.9, 10])).toBe('103.500000,22.100000,104.200000,22.900000');
    expect(bboxParam(undefined)).toBeUndefined();
    expect(bboxParam([1, 2, 3])).toBeUndefined();
  });
});
