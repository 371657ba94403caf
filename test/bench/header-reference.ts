/**
 * The floor of what header lines cost, for the bench's headers A/B: a bare Fastify app (no hooks,
 * one route answering a 1 KB body from memory) with and without the security headers our API
 * answers carry, in interleaved rounds. Whatever a header costs in Node's HTTP writer and in the
 * client's parser shows here too, so it tells the headers' own cost from our way of setting them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../server/src/config';
import { securityHeaders } from '../../server/src/plugins/security-headers';
import { type BenchCase, measure } from './measure';
import { median } from './report';

const BODY = Buffer.alloc(1047, 'x');

async function bareApp(
  headers: ReadonlyArray<readonly [string, string]>,
): Promise<{ app: FastifyInstance; origin: string }> {
  const app = Fastify({ logger: false });
  app.get('/feature', (_request, reply) => {
    for (const [name, value] of headers) reply.header(name, value);
    reply
      .header('etag', '"v1"')
      .header('content-crs', '<http://www.opengis.net/def/crs/OGC/1.3/CRS84>')
      .type('application/geo+json')
      .send(BODY);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, origin: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** "bare Fastify, the same N header lines: with / without ×r" (median of `rounds` paired rounds). */
export async function headerReferenceLine(rounds: number): Promise<string> {
  const lines = securityHeaders(loadConfig({}), 'api');
  const withHeaders = await bareApp(lines);
  const without = await bareApp([]);
  const c: BenchCase = { name: 'bare feature', path: '/feature', connections: 10 };
  try {
    await measure(withHeaders.origin, c);
    await measure(without.origin, c);
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [withHeaders, without] : [without, withHeaders];
      const [first, second] = [await measure(order[0]!.origin, c), await measure(order[1]!.origin, c)];
      const [w, n] = round % 2 === 0 ? [first, second] : [second, first];
      ratios.push(w.reqPerSec / Math.max(n.reqPerSec, 1e-9));
    }
    return `  reference: a bare Fastify app, 1 KB from memory, the same ${lines.length} header lines: ×${median(ratios).toFixed(2)}`;
  } finally {
    await withHeaders.app.close();
    await without.app.close();
  }
}
