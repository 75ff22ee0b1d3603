import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../electron/core/store/repository';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import {
  pagerDutyAccepted,
  startHttpReceiver,
  type HttpReceiver,
  type Reply,
} from '../fixtures/receivers/http-receiver';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(ROOT, 'test/fixtures/receivers/escalation-child.ts');

/** The child runs in this very process (node --import tsx), so SIGKILL kills the process holding the store. */
interface Child {
  readonly process: ChildProcess;
  /** Resolves when stdout has printed a line containing `text`. */
  waitFor(text: string): Promise<void>;
  /** kill -9, resolved once the process is gone. */
  kill9(): Promise<void>;
}

const children: ChildProcess[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const close of closers.splice(0).reverse()) await close();
});

function child(file: string, url: string, mode: 'queue' | 'deliver' | 'notify-deliver'): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, file, url, mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(proc);
  let out = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  proc.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of waiters.filter((x) => out.includes(x.text))) w.resolve();
  });
  return {
    process: proc,
    waitFor: (text) =>
      new Promise((resolve) => {
        if (out.includes(text)) resolve();
        else waiters.push({ text, resolve });
      }),
    kill9: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}

async function setup(reply: (n: number) => Reply | 'hold'): Promise<{ file: string; pd: HttpReceiver }> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-kill9-'));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  const pd = await startHttpReceiver(reply);
  closers.push(() => pd.close());
  return { file: join(dir, 'earshot.db'), pd };
}

async function rows(file: string): Promise<OutboxEntry[]> {
  const store = await openSqliteStore(file);
  try {
    return await store.outboxFor('inc-k9');
  } finally {
    await store.close();
  }
}

describe('the outbox across kill -9 of a real process', () => {
  it('killed after queuing, before sending: the restarted process sends the trigger exactly once', async () => {
    const { file, pd } = await setup(() => pagerDutyAccepted('earshot-inc-k9'));
    const first = child(file, `${pd.url}/v2/enqueue`, 'queue');
    await first.waitFor('queued');
    await first.kill9();
    expect(pd.requests).toHaveLength(0);

    const second = child(file, `${pd.url}/v2/enqueue`, 'deliver');
    await second.waitFor('notification sent');
    await second.kill9();
    expect(pd.requests).toHaveLength(1);
    expect(await rows(file)).toMatchObject([{ transition: 'escalated', status: 'sent', attempts: 1 }]);
  });

  it('killed while PagerDuty holds the request: sent again after restart, with the same dedup_key', async () => {
    const { file, pd } = await setup((n) => (n === 0 ? 'hold' : pagerDutyAccepted('earshot-inc-k9')));
    const first = child(file, `${pd.url}/v2/enqueue`, 'notify-deliver');
    await pd.waitFor(1);
    await first.kill9();
    expect(await rows(file)).toMatchObject([{ status: 'pending', attempts: 1 }]);

    const second = child(file, `${pd.url}/v2/enqueue`, 'deliver');
    await second.waitFor('notification sent');
    await second.kill9();
    const events = pd.requests.map((q) => JSON.parse(q.body) as { event_action: string; dedup_key: string });
    expect(events.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', 'earshot-inc-k9'],
      ['trigger', 'earshot-inc-k9'],
    ]);
    expect(await rows(file)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });
});
