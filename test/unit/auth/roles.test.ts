import { describe, expect, it } from 'vitest';
import { type Action, allowedMethods, can, isRole, type Role } from '../../../server/src/auth/roles';

describe('can', () => {
  const writes: Action[] = ['create', 'replace', 'patch', 'delete', 'revert'];
  const adminOnly: Action[] = ['listDeleted', 'restore', 'changes', 'manageUsers'];

  it('lets anonymous visitors read and nothing else', () => {
    expect(can(null, 'read')).toBe(true);
    for (const a of [...writes, ...adminOnly]) expect(can(null, a)).toBe(false);
  });

  it('lets viewers read and nothing else', () => {
    expect(can('viewer', 'read')).toBe(true);
    for (const a of [...writes, ...adminOnly]) expect(can('viewer', a)).toBe(false);
  });

  it('lets editors write features but not administer', () => {
    for (const a of ['read', ...writes] as Action[]) expect(can('editor', a)).toBe(true);
    for (const a of adminOnly) expect(can('editor', a)).toBe(false);
  });

  it('lets admins do everything', () => {
    for (const a of ['read', ...writes, ...adminOnly] as Action[]) expect(can('admin', a)).toBe(true);
  });

  it('throws for an unknown role (e.g. a corrupt users row)', () => {
    expect(() => can('root' as Role, 'read')).toThrow(TypeError);
  });

  it('throws for an unknown action', () => {
    expect(() => can('admin', 'fly' as Action)).toThrow(TypeError);
  });
});

describe('isRole', () => {
  it('knows the three roles only', () => {
    expect(['viewer', 'editor', 'admin'].every(isRole)).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(null)).toBe(false);
  });
});

describe('allowedMethods', () => {
  it('gives anonymous visitors GET, HEAD, OPTIONS on items and item', () => {
    expect(allowedMethods(null, 'items', true)).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods(null, 'item', true)).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('gives viewers GET, HEAD, OPTIONS', () => {
    expect(allowedMethods('viewer', 'item', true)).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('adds POST on items for editors and admins', () => {
    expect(allowedMethods('editor', 'items', true)).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
    expect(allowedMethods('admin', 'items', true)).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
  });

  it('adds PUT, PATCH, DELETE on an item for editors', () => {
    expect(allowedMethods('editor', 'item', true)).toEqual([
      'GET',
      'HEAD',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
    ]);
  });

  it('offers no writes on a collection that is not editable, even to admins', () => {
    expect(allowedMethods('admin', 'items', false)).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('admin', 'item', false)).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});
