import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipWithSlot, spliceGzip } from '../../../server/src/plugins/gzip-splice';

describe('a gzip body with a slot rewritten per answer', () => {
  const text = `{"type":"FeatureCollection","timeStamp":"2026-12-01T00:00:00.000Z","features":[${Array.from(
    { length: 400 },
    (_, i) => `{"type":"Feature","id":${i},"properties":{"name":"Làng nghề ${i % 7}"}}`,
  ).join(',')}]}`;
  const body = Buffer.from(text);
  const at = body.indexOf('2026-12-01T00:00:00.000Z');

  it('decodes to the body with the new slot, for many slots, and stays compressed', () => {
    const parts = spliceGzip(body, at, 24);
    for (const stamp of ['2026-12-01T15:04:05.123Z', '1999-01-01T00:00:00.000Z']) {
      const gz = gzipWithSlot(parts, Buffer.from(stamp, 'latin1'));
      const back = gunzipSync(gz).toString();
      expect(back).toBe(text.replace('2026-12-01T00:00:00.000Z', stamp));
      expect(gz.length).toBeLessThan(body.length / 5);
    }
  });

  it('works with the slot at the very start or end', () => {
    const start = spliceGzip(body, 0, 5);
    expect(gunzipSync(gzipWithSlot(start, Buffer.from('XXXXX'))).toString()).toBe(`XXXXX${text.slice(5)}`);
    const end = spliceGzip(body, body.length - 2, 2);
    expect(gunzipSync(gzipWithSlot(end, Buffer.from('!!'))).toString()).toBe(`${text.slice(0, -2)}!!`);
  });
});
