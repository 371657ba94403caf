/**
 * nginx in front of test servers, with server/deploy/nginx.conf: the sample's upstream ports and
 * listen port are replaced, and its logs, pid and temp files go to a temp folder. A missing nginx
 * throws with how to install it (never skipped).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_NGINX_CONF = path.join(REPO, 'server/deploy/nginx.conf');

function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'nginx is needed for the multi-instance test. Install it with: sudo apt-get install -y nginx (bash .ci/run does this).',
  );
}

/** The sample config pointed at `upstreams` (host:port), listening on 127.0.0.1:`port`, files under `dir`. */
export function nginxConfigFor(upstreams: string[], port: number, dir: string): string {
  let conf = readFileSync(SAMPLE_NGINX_CONF, 'utf8');
  const sample = ['127.0.0.1:3001', '127.0.0.1:3002'];
  if (!sample.every((s) => conf.includes(`server ${s} `)))
    throw new Error('the sample nginx.conf no longer lists 3001/3002');
  conf = conf.replace(/^(\s*)server 127\.0\.0\.1:3002 .*\n/m, '');
  conf = conf.replace(/^(\s*)server 127\.0\.0\.1:3001 (.*)\n/m, (_m, indent: string, rest: string) =>
    upstreams.map((u) => `${indent}server ${u} ${rest}\n`).join(''),
  );
  conf = conf.replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  const files = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `    ${t}_temp_path ${path.join(dir, t)};`)
    .join('\n');
  return conf.replace(/^http \{\n/m, `http {\n    access_log ${path.join(dir, 'access.log')};\n${files}\n`);
}

export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

export async function startNginx(upstreams: string[]): Promise<TestNginx> {
  const bin = nginxBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-nginx-'));
  // As root, nginx's workers run as nobody and must reach their temp folders in here.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfigFor(upstreams, port, dir));
  const args = [
    '-p',
    dir,
    '-e',
    path.join(dir, 'error.log'),
    '-c',
    conf,
    '-g',
    `daemon off; pid ${path.join(dir, 'nginx.pid')};`,
  ];
  const check = spawnSync(bin, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const child: ChildProcess = spawn(bin, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/api`);
      break;
    } catch (err) {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
