import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth';
import { FIXTURE_GEODATA, startTestServer } from '../helpers/server';
import { village } from './write-fixtures';

// Issue 11: a slow client cannot hold the server (request timeout → 408), and a burst of expensive
// requests is answered 503 + Retry-After beyond MAX_EXPENSIVE_REQUESTS instead of queueing.

let server: Awaited<ReturnType<typeof startTestServer>>;
let editor: string;
beforeAll(async () => {
  server = await startTestServer({
    geodataDir: FIXTURE_GEODATA,
    env: { MAX_EXPENSIVE_REQUESTS: '1', REQUEST_TIMEOUT_SECONDS: '2' },
  });
  editor = await signIn(server.app, { username: 'eddie', role: 'editor' });
});
afterAll(async () => server.close());

function open(): Promise<Socket> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

function answer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      // Our answers here are JSON bodies: complete once the head is in and the body closes.
      if (text.includes('\r\n\r\n') && text.trimEnd().endsWith('}')) resolve(text);
    });
    socket.on('close', () => resolve(text));
  });
}

const origin = () => new URL(server.url).origin;

function postItem(body: string) {
  return fetch(`${server.url}/api/collections/craft-villages/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: origin(), cookie: editor },
    body,
  });
}

describe('limits', () => {
  it('a write that holds the only expensive slot makes the next one 503 + Retry-After; reads go on', async () => {
    const body = JSON.stringify(village({ name: 'Làng chậm' }));
    const slow = await open();
    const slowAnswer = answer(slow);
    // Headers and half the body: the server has counted the request and waits for the rest.
    slow.write(
      `POST /api/collections/craft-villages/items HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${origin()}\r\n` +
        `Cookie: ${editor}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 20),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const busy = await postItem(JSON.stringify(village({ name: 'Làng thứ hai' })));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(busy.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await busy.json()) as { code: string }).code).toBe('ServerBusy');
    const largePage = await fetch(`${server.url}/api/collections/craft-villages/items?limit=5000`);
    expect(largePage.status).toBe(503);
    const read = await fetch(`${server.url}/api/collections/craft-villages/items?limit=10`);
    expect(read.status).toBe(200);

    slow.write(body.slice(20));
    expect(await slowAnswer).toMatch(/^HTTP\/1\.1 201/);
    slow.destroy();
    // The slot is free again.
    expect((await postItem(JSON.stringify(village({ name: 'Làng thứ ba' })))).status).toBe(201);
  });

  it('a client that sends part of a request and stops gets a 408 problem and is disconnected', async () => {
    const before = Date.now();
    const socket = await open();
    const text = answer(socket);
    socket.write('GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const response = await text;
    expect(response).toMatch(/^HTTP\/1\.1 408/);
    expect(response).toMatch(/content-type: application\/problem\+json/i);
    expect(response).toMatch(/content-security-policy: /i);
    expect(response).toContain('"code":"RequestTimeout"');
    expect(Date.now() - before).toBeLessThan(15_000);
    // A slot freed by a slow write that gave up: the next write still gets through.
    expect((await postItem(JSON.stringify(village({ name: 'Làng thứ tư' })))).status).toBe(201);
  });

  it('an expensive request whose client disconnects frees its slot', async () => {
    const body = JSON.stringify(village({ name: 'Làng bỏ dở' }));
    const socket = await open();
    socket.write(
      `POST /api/collections/craft-villages/items HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${origin()}\r\n` +
        `Cookie: ${editor}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n{`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await postItem(JSON.stringify(village({ name: 'Làng thứ năm' })))).status).toBe(201);
  });

  it('the timeouts are set on the server', () => {
    expect(server.app.server.requestTimeout).toBe(2000);
    expect(server.app.server.keepAliveTimeout).toBe(10_000);
    expect(server.app.server.timeout).toBe(120_000);
  });
});
