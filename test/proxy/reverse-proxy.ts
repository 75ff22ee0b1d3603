// Checks the README's reverse-proxy configs for real: docs/proxy/earshot.nginx.conf and docs/proxy/Caddyfile,
// each on loopback with TLS in front of the built `earshot serve` (hub on loopback, publicHosts set), driving
// HTTPS and the wall's WebSocket through them. Needs nginx and/or caddy installed (Debian: apt-get install
// nginx caddy) and `npm run build`; a proxy that is not installed is reported, not faked. Prints one line per
// check and exits 1 when any fails. Run: npm run check:proxy
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { stopChild, waitForOutput } from '../helpers/child-process';

const WALL_LINE = /Earshot wall: (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]+)\r?\n/;
let failures = 0;

function report(ok: boolean, what: string): void {
  if (!ok) failures += 1;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const installed = (bin: string): boolean => {
  try {
    execFileSync(bin, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    try {
      execFileSync(bin, ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
};

/** GET over TLS, trusting `ca`; resolves status and headers. */
function get(url: string, ca: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    // SNI stays the certificate's name even when a test sends another Host header.
    const req = request(url, { ca, headers, servername: 'localhost' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the wall's WebSocket through the proxy as a browser page of that origin would, and asks for the status. */
function wsStatus(origin: string, ca: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('https', 'wss')}/ws`, {
      ca,
      headers: { authorization: `Bearer ${token}`, origin },
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, name: 'status:get', payload: {} })));
    ws.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: { ok: boolean } };
      if (frame.type === 'response' && frame.id === 1) {
        ws.close();
        resolve(frame.result?.ok === true);
      }
    });
    ws.on('error', () => resolve(false));
    ws.on('unexpected-response', () => resolve(false));
  });
}

async function startHub(dir: string, publicHost: string) {
  const config = join(dir, 'earshot.json');
  await writeFile(config, JSON.stringify({ server: { host: '127.0.0.1', publicHosts: [publicHost] } }));
  const child = spawn(
    process.execPath,
    [
      'bin/earshot.mjs',
      'serve',
      '--demo',
      '--speed',
      '60',
      '--port',
      '0',
      '--config',
      config,
      '--data-dir',
      join(dir, 'data'),
    ],
    { env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [, , port = '', token = ''] = await waitForOutput(child, () => out, WALL_LINE);
  return { child, port: Number(port), token };
}

/** The nginx server block of the docs, moved to loopback ports with a self-signed certificate. */
async function startNginx(dir: string, hubPort: number, httpsPort: number, httpPort: number): Promise<ChildProcess> {
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const site = (await readFile('docs/proxy/earshot.nginx.conf', 'utf8'))
    .replaceAll('earshot.example.com', 'localhost')
    .replace(/listen \[::\]:\d+[^;]*;\n/g, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/ssl_certificate .*;/, `ssl_certificate ${join(dir, 'cert.pem')};`)
    .replace(/ssl_certificate_key .*;/, `ssl_certificate_key ${join(dir, 'key.pem')};`)
    .replace('127.0.0.1:4870', `127.0.0.1:${hubPort}`);
  const conf = `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${site}
}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
  report(true, 'nginx -t accepts docs/proxy/earshot.nginx.conf');
  return spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
}

/** The docs' Caddyfile on loopback ports, with Caddy's own local CA (nothing installed in the system's trust). */
async function startCaddy(dir: string, hubPort: number, httpsPort: number, httpPort: number): Promise<ChildProcess> {
  const site = (await readFile('docs/proxy/Caddyfile', 'utf8'))
    .replace('earshot.example.com {', `localhost:${httpsPort} {`)
    .replace('127.0.0.1:4870', `127.0.0.1:${hubPort}`);
  const global = `{\n\tadmin off\n\tskip_install_trust\n\tstorage file_system ${join(dir, 'caddy')}\n\thttp_port ${httpPort}\n\thttps_port ${httpsPort}\n}\n`;
  await writeFile(join(dir, 'Caddyfile'), global + site);
  execFileSync('caddy', ['validate', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')], {
    stdio: 'ignore',
  });
  report(true, 'caddy validate accepts docs/proxy/Caddyfile');
  return spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir },
    stdio: 'ignore',
  });
}

async function until<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function check(proxy: 'nginx' | 'caddy'): Promise<void> {
  if (!installed(proxy)) {
    process.stdout.write(`skip ${proxy}: not installed (apt-get install ${proxy})\n`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), `earshot-${proxy}-`));
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const origin = `https://localhost:${httpsPort}`;
  const hub = await startHub(dir, origin);
  const server = await (proxy === 'nginx' ? startNginx : startCaddy)(dir, hub.port, httpsPort, httpPort);
  try {
    const caFile =
      proxy === 'nginx' ? join(dir, 'cert.pem') : join(dir, 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    const ca = await until(() => readFile(caFile, 'utf8'));
    const status = await until(() => get(`${origin}/api/status`, ca));
    report(
      status.status === 200 && status.body.includes('"mode"'),
      `${proxy}: GET ${origin}/api/status → ${status.status}`,
    );
    report(
      String(status.headers['strict-transport-security']).startsWith('max-age=31536000'),
      `${proxy}: HSTS header on every answer`,
    );
    report(
      await wsStatus(origin, ca, hub.token),
      `${proxy}: the wall's WebSocket (wss://…/ws) through the proxy answers status:get`,
    );
    report(!(await wsStatus(origin, ca, 'not-the-token')), `${proxy}: the WebSocket without a valid token is refused`);
    const foreign = await get(`${origin}/api/status`, ca, { host: `evil.example:${httpsPort}` });
    // nginx passes it on and the hub answers 421; Caddy has no site for it and answers an empty 200 itself.
    const reachedHub = foreign.status === 200 && foreign.body.includes('"mode"');
    report(!reachedHub, `${proxy}: a Host outside publicHosts gets no answer from the hub (${foreign.status})`);
  } finally {
    await stopChild(server);
    await stopChild(hub.child);
    await rm(dir, { recursive: true, force: true });
  }
}

await check('nginx');
await check('caddy');
process.stdout.write(failures === 0 ? 'reverse proxy checks passed\n' : `${failures} reverse proxy check(s) failed\n`);
process.exit(failures === 0 ? 0 : 1);
