import { describe, expect, it } from 'vitest';
import {
  conflictRows,
  diffFeatures,
  displayValue,
  geometrySummary,
  reapplyOnTop,
} from '../../../client/src/features/edit/diff/diff.model';
import { fieldsFromSchema, type PropertySchema } from '../../../client/src/features/edit/form/form.model';
import clusters from '../../../geodata/schema/industrial-clusters.schema.json';

const fields = fieldsFromSchema(clusters as PropertySchema);
const field = (name: string) => fields.find((f) => f.name === name);
const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
const words = { yes: 'Yes', no: 'No' };

describe('diffFeatures', () => {
  it('lists changed properties, then the geometry, and ignores key order', () => {
    const before = {
      geometry: point(104, 22.4),
      properties: { name: 'A', area_ha: 1, tags: { a: 1, b: 2 } },
    };
    const after = {
      geometry: point(104.1, 22.4),
      properties: { tags: { b: 2, a: 1 }, area_ha: 2, name: 'A' },
    };
    expect(diffFeatures(before, after)).toEqual([
      { field: 'area_ha', before: 1, after: 2 },
      { field: 'geometry', before: point(104, 22.4), after: point(104.1, 22.4) },
    ]);
  });

  it('shows every field of a created feature (before = null)', () => {
    const rows = diffFeatures(null, { geometry: point(1, 2), properties: { name: 'N' } });
    expect(rows.map((r) => r.field)).toEqual(['name', 'geometry']);
    expect(rows[0]?.before).toBeUndefined();
  });

  it('tells a removed property (undefined) from a null one', () => {
    expect(diffFeatures({ properties: { a: null } }, { properties: {} })).toEqual([
      { field: 'a', before: null, after: undefined },
    ]);
  });
});

describe('conflictRows and reapplyOnTop (412)', () => {
  const base = {
    geometry: point(104, 22),
    properties: { name: 'A', area_ha: 1, status: 'planned', notes: '' },
  };
  const server = {
    geometry: point(104, 22),
    properties: { name: 'A2', area_ha: 1, status: 'approved', notes: '' },
  };
  const mine = {
    geometry: point(104.5, 22),
    properties: { name: 'A', area_ha: 5, status: 'operating', notes: '' },
  };

  it('shows what the server changed, what I changed, and where both changed', () => {
    const rows = conflictRows(base, server, mine);
    expect(rows.map((r) => [r.field, r.serverChanged, r.mineChanged, r.clash])).toEqual([
      ['name', true, false, false],
      ['area_ha', false, true, false],
      ['status', true, true, true],
      ['geometry', false, true, false],
    ]);
  });

  it('re-applies only my changed fields over the server version', () => {
    expect(reapplyOnTop(base, server, mine)).toEqual({
      geometry: point(104.5, 22),
      properties: { name: 'A2', area_ha: 5, status: 'operating', notes: '' },
    });
  });

  it('keeps the server geometry when I did not move the feature', () => {
    const moved = { ...server, geometry: point(105, 23) };
    const mineSameGeometry = { ...mine, geometry: base.geometry };
    expect(reapplyOnTop(base, moved, mineSameGeometry).geometry).toEqual(point(105, 23));
  });

  it('two identical edits are not a clash', () => {
    const same = { ...mine, properties: { ...mine.properties, status: 'approved' } };
    expect(conflictRows(base, server, same).find((r) => r.field === 'status')?.clash).toBe(false);
  });
});

describe('displayValue and geometrySummary', () => {
  it('formats values as plain text in the language', () => {
    expect(displayValue(field('kind'), 'industrial_zone', 'vi', words)).toBe('Khu công nghiệp');
    expect(displayValue(field('kind'), 'industrial_zone', 'en', words)).toBe('Industrial zone');
    expect(displayValue(field('area_ha'), 1234.5, 'vi', words)).toBe('1.234,5 ha');
    expect(displayValue(field('status_year'), 2015, 'vi', words)).toBe('2015');
    expect(displayValue(undefined, null, 'en', words)).toBe('—');
    expect(displayValue(undefined, true, 'en', words)).toBe('Yes');
    expect(displayValue(field('industries'), ['a', 'b'], 'en', words)).toBe('a; b');
    expect(displayValue(undefined, '<img src=x onerror=alert(1)>', 'en', words)).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('summarises geometries', () => {
    expect(geometrySummary(point(104.12345678, 22.5), 'en')).toBe('Point 104.12346; 22.5');
    expect(
      geometrySummary(
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        'en',
      ),
    ).toBe('Polygon (4)');
    expect(geometrySummary(null, 'en')).toBe('—');
  });
});
