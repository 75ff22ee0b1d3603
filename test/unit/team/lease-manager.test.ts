import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import {
  createLeaseManager,
  type LeasedTask,
  type LockBackend,
  type StopReason,
} from '../../../electron/core/team/lease/lease-manager';
import { lockServer } from './lock-server';

function recorder(log: string[], name: string): LeasedTask {
  return {
    start: async () => void log.push(`start ${name}`),
    stop: async (reason: StopReason) => void log.push(`stop ${name} ${reason}`),
  };
}

const PERIOD = 5_000;

function hub(id: string, backend: LockBackend, clock: ManualClock, log: string[]) {
  const manager = createLeaseManager({ hubId: id, backend, timer: clock, periodMs: PERIOD, logger: silentLogger() });
  manager.add('detector', recorder(log, `${id}:detector`));
  manager.add('source:x', recorder(log, `${id}:source:x`), { requires: 'detector' });
  return manager;
}

describe('the lease manager', () => {
  it('gives each lease to one hub; a standby takes over within one period of the holder dying', async () => {
    const clock = new ManualClock();
    const server = lockServer();
    const log: string[] = [];
    const aBackend = server.backend('a');
    const a = hub('a', aBackend, clock, log);
    const b = hub('b', server.backend('b'), clock, log);
    await a.start();
    await b.start();
    expect([a.held(), b.held()]).toEqual([['detector', 'source:x'], []]);
    await clock.advance(PERIOD * 3);
    expect(b.held()).toEqual([]);

    aBackend.die();
    await clock.advance(0);
    expect(a.held()).toEqual([]);
    expect(log.slice(2)).toEqual(['stop a:source:x lost', 'stop a:detector lost']);
    await clock.advance(PERIOD);
    expect(b.held()).toEqual(['detector', 'source:x']);
    expect(log.slice(4)).toEqual(['start b:detector', 'start b:source:x']);
  });

  it('on stop, stops the work last registered first, then releases: the peer takes it at its next try', async () => {
    const clock = new ManualClock();
    const server = lockServer();
    const log: string[] = [];
    const a = hub('a', server.backend('a'), clock, log);
    const b = hub('b', server.backend('b'), clock, log);
    await a.start();
    await b.start();
    await a.stop();
    expect(log).toEqual([
      'start a:detector',
      'start a:source:x',
      'stop a:source:x released',
      'stop a:detector released',
    ]);
    expect(server.owners.size).toBe(0);
    await clock.advance(PERIOD);
    expect(b.held()).toEqual(['detector', 'source:x']);
    await b.stop();
    expect(clock.pending()).toBe(0);
  });

  it('gives a lease back when its work fails to start, and tries again next period', async () => {
    const clock = new ManualClock();
    const server = lockServer();
    let fail = true;
    const manager = createLeaseManager({
      hubId: 'a',
      backend: server.backend('a'),
      timer: clock,
      periodMs: PERIOD,
      logger: silentLogger(),
    });
    manager.add('detector', {
      start: async () => {
        if (fail) throw new Error('database busy');
      },
      stop: async () => undefined,
    });
    await manager.start();
    expect([manager.held(), server.owners.size]).toEqual([[], 0]);
    fail = false;
    await clock.advance(PERIOD);
    expect(manager.held()).toEqual(['detector']);
    await manager.stop();
  });
});
