import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Core } from '../../../electron/core/core-types';
import { commandRoles, commandSchemas, type CommandName, type CommandRequest } from '../../../shared/contract';
import { ROLES, roleAllows } from '../../../shared/workflow';
import { createTestCore } from '../../helpers/core';
import { actor, incident, MINUTE, T0 } from './fixtures';

/** A valid request for every command: the compiler insists there is one per command of the contract. */
const SAMPLES: { readonly [N in CommandName]: CommandRequest<N> } = {
  'status:get': {},
  'snapshot:get': {},
  'mentions:recent': { limit: 10 },
  'series:volume': { minutes: 10 },
  'incidents:list': {},
  'sources:list': {},
  'incident:export': { id: 'inc_1' },
  'source:test': { sourceId: 'none' },
  'source:credentials:set': { sourceId: 'none', values: {} },
  'session:whoami': {},
  'incident:acknowledge': { id: 'inc_1' },
  'incident:escalate': { id: 'inc_1' },
  'incident:resolve': { id: 'inc_1' },
  'incident:reopen': { id: 'inc_1', reason: 'back' },
  'incident:snooze': { id: 'inc_1', until: T0 + 10 * MINUTE, reason: 'vendor' },
  'incident:merge': { id: 'inc_1', into: 'inc_2' },
  'incident:assign': { id: 'inc_1', owner: 'Ravi' },
  'incident:note': { id: 'inc_1', text: 'noted' },
  'incident:holding-reply': { id: 'inc_1', text: 'We are on it.' },
  'incident:flag-post': { id: 'inc_1', mentionId: 'x:1' },
  'incidents:measures': { from: T0 - 60 * MINUTE, to: T0 },
  'mentions:search': { text: 'login', limit: 10 },
  'mention:handled': { mentionId: 'x:1', handled: true },
  'incident:postmortem': { id: 'inc_1', format: 'html' },
  'mentions:export': { filter: {}, format: 'csv' },
  'wall:series': { minutes: 60 },
  'wall:kpis': {},
};

const lines: string[] = [];
const cores: Array<{ core: Core; close: () => Promise<void> }> = [];

async function hub(): Promise<Core> {
  const clock = new ManualClock(T0);
  const store = await openSqliteStore(':memory:');
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  const core = createTestCore({ clock, store, logger: pino({ level: 'warn' }, sink) });
  await core.start();
  await store.saveIncident(incident('inc_1'));
  await store.saveIncident(incident('inc_2'));
  cores.push({ core, close: () => store.close() });
  return core;
}

afterEach(async () => {
  for (const c of cores.splice(0)) {
    await c.core.stop();
    await c.close();
  }
  lines.length = 0;
});

describe('roles, enforced on every command', () => {
  it('orders roles executive < staff < supervisor < admin', () => {
    expect(ROLES.filter((r) => roleAllows(r, 'supervisor'))).toEqual(['supervisor', 'admin']);
    expect(ROLES.filter((r) => roleAllows(r, 'executive'))).toEqual([...ROLES]);
  });

  const names = Object.keys(commandSchemas) as CommandName[];
  for (const name of names) {
    for (const role of ROLES) {
      const allowed = roleAllows(role, commandRoles[name]);
      it(`${name} as ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const core = await hub();
        const result = await core.api.dispatch(name, SAMPLES[name], actor(role));
        if (allowed) {
          expect(result.ok || result.error.code).not.toBe('forbidden');
          return;
        }
        expect(result).toEqual({
          ok: false,
          error: {
            code: 'forbidden',
            message: `forbidden: ${name} needs the ${commandRoles[name]} role; you are ${role}`,
          },
        });
        const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(logged).toContainEqual(
          expect.objectContaining({ msg: 'command refused', command: name, role, needed: commandRoles[name] }),
        );
      });
    }
  }

  it('refuses before validating, so a refused caller learns nothing of the payload', async () => {
    const core = await hub();
    const result = await core.api.dispatch('incident:escalate', { nonsense: true }, actor('staff'));
    expect(result.ok ? null : result.error.code).toBe('forbidden');
  });

  it('session:whoami answers the session actor; the embedded default is one local admin, desk per connection', async () => {
    const core = await hub();
    const me = core.api.sessionActor('web 127.0.0.1');
    expect(me).toEqual({ id: 'local', name: 'Local user', role: 'admin', desk: 'web 127.0.0.1' });
    expect(await core.api.dispatch('session:whoami', {}, me)).toEqual({ ok: true, value: me });
  });
});
