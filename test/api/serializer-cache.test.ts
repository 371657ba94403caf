import { describe, expect, it } from 'vitest';
import { compiledSerializerCount } from '../../server/src/plugins/serializer-cache';
import { buildTestApp, FIXTURE_GEODATA } from '../helpers/server';

describe('response serializers', () => {
  it('are compiled once per distinct schema and shared by a second app (app build stays cheap)', async () => {
    const first = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    await first.app.ready();
    const afterFirst = compiledSerializerCount();
    // Far fewer serializers than route × status pairs: the Problem schema alone is declared on
    // every route for a dozen statuses.
    const declared = first.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => l.includes('/')).length;
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(declared * 4);
    const second = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    await second.app.ready();
    expect(compiledSerializerCount()).toBe(afterFirst);
    const res = await second.app.inject('/api/collections/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'NotFound' });
    await first.close();
    await second.close();
  });
});
