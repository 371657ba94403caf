import { describe, expect, it } from 'vitest';
import authEn from '../../../client/src/features/auth/i18n/en.json';
import { translator } from '../../../client/src/features/auth/i18n/text';
import authVi from '../../../client/src/features/auth/i18n/vi.json';
import type { FieldIssueCode } from '../../../client/src/features/edit/form/form.validation';
import editEn from '../../../client/src/features/edit/i18n/en.json';
import editVi from '../../../client/src/features/edit/i18n/vi.json';

describe('edit and auth strings', () => {
  it('have the same keys in Vietnamese and English, none empty', () => {
    for (const [vi, en] of [
      [editVi, editEn],
      [authVi, authEn],
    ] as const) {
      expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
      for (const text of [...Object.values(vi), ...Object.values(en)]) expect(text.trim()).not.toBe('');
    }
  });

  it('have a message for every form issue code', () => {
    const codes: FieldIssueCode[] = [
      'required',
      'minLength',
      'maxLength',
      'notNumber',
      'notInteger',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'exclusiveMaximum',
      'notUrl',
      'notInList',
      'emptyItem',
    ];
    for (const code of codes) expect(Object.keys(editVi)).toContain(`form.error.${code}`);
  });

  it('fills placeholders with plain text', () => {
    const t = translator(authEn);
    expect(t('auth.userRole', { username: '<b>x</b>', role: 'admin' })).toBe('<b>x</b> (admin)');
    expect(t('auth.error.tooMany', { minutes: 3 })).toBe('Too many attempts. Try again in 3 minutes.');
  });
});
