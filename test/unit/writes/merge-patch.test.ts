import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../server/src/writes/merge-patch';

describe('applyMergePatch: RFC 7396 Appendix A examples', () => {
  const examples: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];

  it.each(examples.map((e, i) => [i + 1, ...e]))('example %i', (_n, target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });
});

describe('applyMergePatch', () => {
  it('applies the RFC 7396 section 3 example', () => {
    const target = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch = {
      title: 'Hello!',
      phoneNumber: '+01-123-456-7890',
      author: { familyName: null },
      tags: ['example'],
    };
    expect(applyMergePatch(target, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
  });

  it('modifies neither the target nor the patch', () => {
    const target = {
      properties: { name: 'A', industries: ['x'] },
      geometry: { type: 'Point', coordinates: [1, 2] },
    };
    const patch = { properties: { name: 'B', commune: null } };
    const targetCopy = structuredClone(target);
    const patchCopy = structuredClone(patch);
    applyMergePatch(target, patch);
    expect(target).toEqual(targetCopy);
    expect(patch).toEqual(patchCopy);
  });

  it('shares no objects with its inputs', () => {
    const target = { properties: { industries: ['x'] }, geometry: { type: 'Point', coordinates: [1, 2] } };
    const patch = { tags: ['a'] };
    const result = applyMergePatch(target, patch) as typeof target & typeof patch;
    expect(result.properties.industries).not.toBe(target.properties.industries);
    expect(result.tags).not.toBe(patch.tags);
  });

  it('treats a "__proto__" member as data and never changes a prototype', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('patches a GeoJSON feature’s properties and geometry', () => {
    const feature = {
      type: 'Feature',
      properties: { name: 'A', area_ha: 10 },
      geometry: { type: 'Point', coordinates: [1, 2] },
    };
    const patch = { properties: { area_ha: 12 }, geometry: { type: 'Point', coordinates: [3, 4] } };
    expect(applyMergePatch(feature, patch)).toEqual({
      type: 'Feature',
      properties: { name: 'A', area_ha: 12 },
      geometry: { type: 'Point', coordinates: [3, 4] },
    });
  });
});
