import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../../../server/src/auth/origin';

const local = { protocol: 'http', host: '127.0.0.1:3000' };

describe('isSameOrigin', () => {
  it('accepts the server’s own origin', () => {
    expect(isSameOrigin('http://127.0.0.1:3000', local)).toBe(true);
  });

  it('refuses another port, host or scheme', () => {
    expect(isSameOrigin('http://127.0.0.1:3001', local)).toBe(false);
    expect(isSameOrigin('http://evil.example:3000', local)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:3000', local)).toBe(false);
  });

  it('refuses a missing, empty or "null" Origin', () => {
    expect(isSameOrigin(undefined, local)).toBe(false);
    expect(isSameOrigin('', local)).toBe(false);
    expect(isSameOrigin('null', local)).toBe(false);
  });

  it('treats a default port as no port and host names case-insensitively', () => {
    const site = { protocol: 'https:', host: 'Map.LaoCai.gov.vn' };
    expect(isSameOrigin('https://map.laocai.gov.vn:443', site)).toBe(true);
    expect(
      isSameOrigin('https://map.laocai.gov.vn', { protocol: 'https', host: 'map.laocai.gov.vn:443' }),
    ).toBe(true);
  });

  it('refuses values that are more than an origin', () => {
    expect(isSameOrigin('http://127.0.0.1:3000/', local)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3000/path', local)).toBe(false);
    expect(isSameOrigin('http://user@127.0.0.1:3000', local)).toBe(false);
  });

  it('refuses repeated Origin headers and junk Host headers', () => {
    expect(isSameOrigin(['http://127.0.0.1:3000', 'http://127.0.0.1:3000'], local)).toBe(false);
    expect(isSameOrigin('http://evil.example', { protocol: 'http', host: 'evil.example/@127.0.0.1' })).toBe(
      false,
    );
    expect(isSameOrigin('http://127.0.0.1:3000', { protocol: 'ftp', host: '127.0.0.1:3000' })).toBe(false);
  });
});
