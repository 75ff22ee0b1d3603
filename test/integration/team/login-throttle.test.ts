import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHub, type Hub } from '../../../electron/core/boot/boot-hub';
import { memoryVault } from '../../../electron/core/runtime/credentials';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/headless/server';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';

/** Two booted hubs (the composition `earshot serve` runs) on one real PostgreSQL, each with its own HTTP server. */

const PASSWORD = 'a long enough password';
let server: TestPostgres;
const hubs: Hub[] = [];
const servers: HeadlessServer[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const h of hubs.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  await server.stop();
});

async function startHub(databaseUrl: string): Promise<{ hub: Hub; url: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-throttle-'));
  dirs.push(dir);
  const configPath = join(dir, 'earshot.json');
  await writeFile(configPath, JSON.stringify({ sources: [] }));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>wall</title>');
  const hub = await bootHub({
    dataDir: dir,
    configPath,
    env: { DATABASE_URL: databaseUrl },
    vault: memoryVault(),
    logger: silentLogger(),
  });
  hubs.push(hub);
  const http = await startHeadlessServer({
    core: hub.core,
    host: '127.0.0.1',
    port: 0,
    staticDir: dir,
    logger: silentLogger(),
    users: hub.users,
  });
  servers.push(http);
  return { hub, url: http.url };
}

const login = (hubUrl: string, password: string, name = 'target', headers: Record<string, string> = {}) =>
  fetch(new URL('api/login', hubUrl), {
    method: 'POST',
    body: JSON.stringify({ name, password }),
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('the login throttle across a team', () => {
  it('five wrong tries on hub A make the sixth on hub B wait: 429 with Retry-After, even with the right password', async () => {
    const databaseUrl = await server.createDatabase();
    const a = await startHub(databaseUrl);
    const b = await startHub(databaseUrl);
    const added = await a.hub.users.addUser({ name: 'target', role: 'staff', password: PASSWORD });
    expect(added.ok).toBe(true);
    for (let i = 0; i < 5; i += 1) expect((await login(a.url, `guess number ${i}`)).status).toBe(401);
    const sixth = await login(b.url, PASSWORD);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await sixth.json()).toEqual({ error: 'Too many wrong tries: wait before trying again.' });
    expect((await login(a.url, PASSWORD)).status).toBe(429);
  });

  it('behind a reverse proxy on loopback, counts each client by the address the proxy forwarded', async () => {
    const databaseUrl = await server.createDatabase();
    const a = await startHub(databaseUrl);
    for (const name of ['victim', 'bystander']) {
      expect((await a.hub.users.addUser({ name, role: 'staff', password: PASSWORD })).ok).toBe(true);
    }
    const attacker = { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' };
    for (let i = 0; i < 5; i += 1)
      expect((await login(a.url, `guess ${i} guess`, 'victim', attacker)).status).toBe(401);
    // The attacker's address waits, whatever name it tries (a spoofed left-hand entry changes nothing) …
    const spoofed = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' };
    expect((await login(a.url, PASSWORD, 'bystander', spoofed)).status).toBe(429);
    // … while another client behind the same proxy signs in.
    expect((await login(a.url, PASSWORD, 'bystander', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
  });
});
