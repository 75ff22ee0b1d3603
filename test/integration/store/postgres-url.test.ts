import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chooseStore, describeStore, openStore } from '../../../electron/core/boot/open-store';
import { parseConfig, type HubConfig } from '../../../electron/core/config';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { redactUrl, safeError } from '../../../electron/core/store/postgres/connection';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import { storeHarness } from './harness';

const SECRET = 'pw-Zq81/x@y%';
const ENCODED = encodeURIComponent(SECRET);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

const config = (input: unknown = {}): HubConfig => {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

/** Everything an error shows: message, stack, and its enumerable fields. */
const shown = (error: unknown): string =>
  error instanceof Error ? `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}` : String(error);

describe('a database URL’s password', () => {
  it('is redacted wherever the URL is shown', () => {
    expect(redactUrl(`postgres://earshot:${ENCODED}@db.lan:5433/earshot?sslmode=require`)).toBe(
      'postgres://earshot:***@db.lan:5433/earshot?sslmode=require',
    );
    expect(redactUrl('postgres://earshot@db.lan/earshot')).toBe('postgres://earshot@db.lan/earshot');
    expect(redactUrl(`postgres://u:${ENCODED}@[bad/db`)).not.toContain(ENCODED);
    const echoed = safeError(
      `postgres://u:${ENCODED}@h/db`,
      new Error(`bad ${SECRET} and ${ENCODED} in postgres://u:${ENCODED}@h/db`),
    );
    expect(shown(echoed)).not.toContain(SECRET);
    expect(shown(echoed)).not.toContain(ENCODED);
  });

  it('never appears in the error when the server cannot be reached', async () => {
    const url = `postgres://earshot:${ENCODED}@127.0.0.1:${await closedPort()}/earshot`;
    const error = await openPostgresStore(url, { connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Cannot open the database at postgres:\/\/earshot:\*\*\*@127\.0\.0\.1:\d+\/earshot: /,
    );
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(shown(error)).not.toContain(SECRET);
    expect(shown(error)).not.toContain(ENCODED);
  });

  it('never appears in the factory’s error, nor in what the hub logs of the store', async () => {
    const url = `postgresql://earshot:${ENCODED}@127.0.0.1:${await closedPort()}/earshot`;
    const choice = chooseStore(config().store, { DATABASE_URL: url }, '/tmp/unused');
    expect(choice).toEqual({ ok: true, value: { kind: 'postgres', url } });
    if (!choice.ok) return;
    expect(describeStore(choice.value)).not.toContain(ENCODED);
    const opened = await openStore(choice.value, { clock: new ManualClock() });
    expect(opened.ok).toBe(false);
    expect(JSON.stringify(opened)).not.toContain(ENCODED);
    expect(JSON.stringify(opened)).not.toContain(SECRET);
  });
});

describe('choosing the store', () => {
  it('is SQLite in the data dir by default, the config’s URL when set, DATABASE_URL above both', () => {
    expect(chooseStore(config().store, {}, '/data')).toEqual({
      ok: true,
      value: { kind: 'sqlite', file: '/data/earshot.db' },
    });
    expect(chooseStore(config().store, { DATABASE_URL: '  ' }, '/data')).toMatchObject({ value: { kind: 'sqlite' } });
    const team = config({ store: { url: 'postgres://hub@db/earshot' } });
    expect(chooseStore(team.store, {}, '/data')).toEqual({
      ok: true,
      value: { kind: 'postgres', url: 'postgres://hub@db/earshot' },
    });
    expect(chooseStore(team.store, { DATABASE_URL: 'postgresql://other@db2/e' }, '/data')).toEqual({
      ok: true,
      value: { kind: 'postgres', url: 'postgresql://other@db2/e' },
    });
  });

  it('refuses a URL that is not PostgreSQL’s, without quoting it', () => {
    const bad = chooseStore(config().store, { DATABASE_URL: `mysql://root:${ENCODED}@db/x` }, '/data');
    expect(bad).toEqual({
      ok: false,
      error: { code: 'invalid-config', message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' },
    });
    const inConfig = parseConfig({ store: { url: `mysql://root:${ENCODED}@db/x` } });
    expect(inConfig.ok).toBe(false);
    expect(JSON.stringify(inConfig)).not.toContain(ENCODED);
  });
});

describe('the real server’s refusals', () => {
  const h = storeHarness('postgres');

  it('say what is wrong (no such database) and never echo the password', async () => {
    const base = new URL(h.server().url);
    base.password = SECRET;
    base.pathname = '/no_such_db';
    const error = await openPostgresStore(base.toString()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/database "no_such_db" does not exist/);
    expect(shown(error)).not.toContain(ENCODED);
    expect(shown(error)).not.toContain(SECRET);
  });
});
