import { describe, expect, it } from 'vitest';
import {
  TEST_CONNECTION_TIMEOUT_MS,
  createSourceAdmin,
  type SourceBinding,
} from '../../../electron/core/api/source-admin';
import type { Connector } from '../../../electron/core/connectors/connector';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { memoryVault } from '../../../electron/core/runtime/credentials';
import { err, ok, appError } from '../../../shared/result';

function connector(id: string, overrides: Partial<Connector> = {}): Connector {
  return {
    id,
    kind: 'x',
    label: id,
    pollIntervalMs: 1000,
    poll: async () => ({ kind: 'auth-error', message: 'Unauthorized: check the bearer token' }),
    ...overrides,
  };
}

describe('source admin', () => {
  const clock = new ManualClock();

  it('lists sources with "configured" but never the credentials themselves', async () => {
    const vault = memoryVault({ x: { bearerToken: 's3cret' } });
    const sources: SourceBinding[] = [
      { connector: connector('x'), credentialFields: ['bearerToken'] },
      { connector: connector('reddit'), credentialFields: ['clientId', 'clientSecret'] },
      { connector: connector('masto'), credentialFields: ['accessToken'], optionalCredentialFields: ['accessToken'] },
      { connector: connector('feed'), credentialFields: [] },
    ];
    const admin = createSourceAdmin(sources, vault, clock, (id) => id !== 'feed');
    await admin.refresh();
    const views = admin.views();
    expect(views.map((v) => [v.sourceId, v.configured, v.enabled])).toEqual([
      ['x', true, true],
      ['reddit', false, true],
      ['masto', true, true],
      ['feed', true, false],
    ]);
    expect(JSON.stringify(views)).not.toContain('s3cret');
  });

  it('stores credentials write-only, refusing fields the source does not have', async () => {
    const vault = memoryVault();
    const admin = createSourceAdmin(
      [{ connector: connector('reddit'), credentialFields: ['clientId', 'clientSecret'] }],
      vault,
      clock,
      () => true,
    );
    await admin.refresh();
    expect(await admin.setCredentials('reddit', { clientId: 'id' })).toEqual(ok({ configured: false }));
    expect(await admin.setCredentials('reddit', { clientSecret: 'sec' })).toEqual(ok({ configured: true }));
    expect(await vault.get('reddit')).toEqual({ clientId: 'id', clientSecret: 'sec' });
    const bad = await admin.setCredentials('reddit', { password: 'x' });
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    const missing = await admin.setCredentials('nope', {});
    expect(!missing.ok && missing.error.code).toBe('unknown-source');
  });

  it('tests a connection with the connector’s own check, else one poll', async () => {
    const withCheck = connector('rss', { testConnection: async () => ok('OK: 12 items in the feed') });
    const failing = connector('bsky', { testConnection: async () => err(appError('auth', 'Invalid app password')) });
    const admin = createSourceAdmin(
      [withCheck, failing, connector('x')].map((c) => ({ connector: c, credentialFields: [] })),
      memoryVault(),
      clock,
      () => true,
    );
    expect(await admin.test('rss')).toEqual({ ok: true, message: 'OK: 12 items in the feed' });
    expect(await admin.test('bsky')).toEqual({ ok: false, message: 'Invalid app password' });
    expect(await admin.test('x')).toEqual({ ok: false, message: 'Unauthorized: check the bearer token' });
    expect((await admin.test('nope')).ok).toBe(false);
  });

  it('aborts a hanging test after 20 s on the injected clock, and leaves no timer behind a finished one', async () => {
    const manual = new ManualClock();
    const signals: AbortSignal[] = [];
    const hanging = connector('hang', {
      testConnection: (signal) =>
        new Promise((resolve) => {
          signals.push(signal);
          signal.addEventListener('abort', () => resolve(err(appError('timeout', 'The test was aborted.'))));
        }),
    });
    const quick = connector('quick', { testConnection: async () => ok('OK') });
    const admin = createSourceAdmin(
      [hanging, quick].map((c) => ({ connector: c, credentialFields: [] })),
      memoryVault(),
      manual,
      () => true,
    );
    const pending = admin.test('hang');
    await manual.advance(TEST_CONNECTION_TIMEOUT_MS - 1);
    expect(signals[0]?.aborted).toBe(false);
    await manual.advance(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(await pending).toEqual({ ok: false, message: 'The test was aborted.' });
    expect(manual.pending()).toBe(0);
    expect(await admin.test('quick')).toEqual({ ok: true, message: 'OK' });
    expect(manual.pending()).toBe(0);
  });
});
