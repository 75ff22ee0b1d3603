import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootHub, BootError } from '../../electron/core/boot/boot-hub';
import { ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function withConfig(config: unknown): Promise<{ dataDir: string; configPath: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'earshot-boot-'));
  dirs.push(dataDir);
  const configPath = join(dataDir, 'earshot.json');
  await writeFile(configPath, JSON.stringify(config));
  return { dataDir, configPath };
}

const boot = (paths: { dataDir: string; configPath: string }, env: NodeJS.ProcessEnv = {}) =>
  bootHub({ ...paths, env, clock: new ManualClock(), logger: silentLogger() });

describe('bootHub', () => {
  it('reads push-source credentials from EARSHOT_<SOURCE>_<FIELD> with no credentials file', async () => {
    const hub = await boot(await withConfig({ sources: [{ id: 'tickets', type: 'ingest' }] }), {
      EARSHOT_TICKETS_TOKEN: 'let-me-in',
    });
    try {
      const body = {
        mentions: [{ externalId: 'T-1', text: 'Card declined twice at checkout', createdAt: '2026-01-05T08:59:00Z' }],
      };
      const refused = await hub.ingest({ sourceId: 'tickets', authorization: 'Bearer wrong', body });
      expect(refused.status).toBe(401);
      const accepted = await hub.ingest({ sourceId: 'tickets', authorization: 'Bearer let-me-in', body });
      expect(accepted).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
      const again = await hub.ingest({ sourceId: 'tickets', authorization: 'Bearer let-me-in', body });
      expect(again).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 1 } });
      expect(hub.core.api.sources()).toEqual([expect.objectContaining({ sourceId: 'tickets', configured: true })]);
    } finally {
      await hub.stop();
    }
  });

  it('refuses a config with a readable error naming the source and field', async () => {
    const paths = await withConfig({ sources: [{ id: 'x-main', type: 'x', pollIntervalMs: 'fast' }] });
    await expect(boot(paths)).rejects.toThrow(BootError);
    await expect(boot(paths)).rejects.toThrow(/source "x-main" \(x\): field "pollIntervalMs"/);
  });

  it('refuses a watchlist whose query does not parse, saying where', async () => {
    const paths = await withConfig({ watchlists: [{ id: 'nimbus', name: 'Nimbus', query: 'nimbus AND (login' }] });
    await expect(boot(paths)).rejects.toThrow(/watchlist "nimbus": query "nimbus AND \(login": .+/);
  });

  it('refuses two sources with one id', async () => {
    const paths = await withConfig({
      sources: [
        { id: 'a', type: 'ingest' },
        { id: 'a', type: 'ingest' },
      ],
    });
    await expect(boot(paths)).rejects.toThrow(/Two sources share the id "a"/);
  });

  it('adds the simulator in demo mode, once', async () => {
    const paths = await withConfig({ demo: true, sources: [] });
    const hub = await boot(paths);
    try {
      expect(hub.core.api.sources().map((s) => s.kind)).toEqual(['simulator']);
    } finally {
      await hub.stop();
    }
  });
});
