import { describe, expect, it } from 'vitest';
import { formatProperty, splitCitation } from '../../../client/src/features/inspect/formatProperty';
import { safeHref } from '../../../client/src/lib/safeLink';

describe('safeHref: the one gate between stored text and a link', () => {
  it('lets absolute http(s) URLs through, normalised', () => {
    expect(safeHref('https://laocai.gov.vn/a b'.replace(' ', '%20'))).toBe('https://laocai.gov.vn/a%20b');
    expect(safeHref('HTTP://Example.VN')).toBe('http://example.vn/');
  });
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'https:',
    'http://',
    ' https://ok.vn',
    'https://ok.vn/\u0000',
    '',
  ])('keeps %j as text', (value) => {
    expect(safeHref(value)).toBeUndefined();
  });
  it('refuses what is not a string', () => {
    expect(safeHref(null)).toBeUndefined();
    expect(safeHref({ href: 'https://x.vn' })).toBeUndefined();
    expect(safeHref(`https://x.vn/${'a'.repeat(3000)}`)).toBeUndefined();
  });
  it('is what formatProperty and splitCitation use', () => {
    const yesNo = { yes: 'có', no: 'không' };
    expect(formatProperty(undefined, 'website', 'javascript:alert(1)', 'vi', yesNo)).toEqual({
      kind: 'text',
      text: 'javascript:alert(1)',
    });
    expect(formatProperty(undefined, 'website', 'https://ok.vn', 'vi', yesNo)).toMatchObject({
      kind: 'link',
    });
    expect(splitCitation('Nguồn javascript:alert(1)').every((p) => p.kind === 'text')).toBe(true);
  });
});
