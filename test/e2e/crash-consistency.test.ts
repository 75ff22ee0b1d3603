import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHubHome, startHubOn, type HubHome, type HubRun } from './hub-process';

/**
 * Crash consistency (issue 13 §4): webhook senders post at full speed while the built hub is SIGKILLed 20 times at
 * seeded-random points, measured in acknowledged posts. Senders retry every batch whose outcome they never learned,
 * as a real webhook sender does. Afterwards every acknowledged post is stored exactly once, intact.
 */

const SEED = 0x13c0ffee;
const KILLS = 20;
const LANES = 6;
const MAX_BATCH = 200;
const MAX_ACKS_BETWEEN_KILLS = 30;

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const textOf = (id: string): string => `crash post ${id}: the app keeps logging me out`;
const bodyOf = (ids: ReadonlyArray<string>): string =>
  JSON.stringify({
    mentions: ids.map((id) => ({ externalId: id, text: textOf(id), createdAt: Date.now(), author: 'crash' })),
  });

/** One hub process and a promise that resolves when the next one is up (after this one was killed). */
interface Generation {
  readonly run: HubRun;
  killed: boolean;
  readonly replaced: Promise<void>;
  readonly markReplaced: () => void;
}

function generation(run: HubRun): Generation {
  let markReplaced = (): void => undefined;
  const replaced = new Promise<void>((resolve) => (markReplaced = resolve));
  return { run, killed: false, replaced, markReplaced };
}

/** Counts acknowledged batches and lets the killer wait for the k-th one. */
class AckCounter {
  count = 0;
  private waiters: Array<{ at: number; resolve: () => void }> = [];
  add(): void {
    this.count += 1;
    for (const w of this.waiters.filter((x) => x.at <= this.count)) w.resolve();
    this.waiters = this.waiters.filter((x) => x.at > this.count);
  }
  reached(at: number): Promise<void> {
    return at <= this.count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ at, resolve }));
  }
}

interface Stats {
  posts: number;
  retries: number;
  retriedBatchesFoundStored: number;
  bootMs: number;
}

class Rig {
  current!: Generation;
  stopping = false;
  readonly acked = new Set<string>();
  readonly batches: Array<ReadonlyArray<string>> = [];
  readonly acks = new AckCounter();
  readonly stats: Stats = { posts: 0, retries: 0, retriedBatchesFoundStored: 0, bootMs: 0 };
  constructor(readonly home: HubHome) {}

  async start(): Promise<void> {
    const previous = this.current as Generation | undefined;
    const begun = performance.now();
    this.current = generation(await startHubOn(this.home));
    this.stats.bootMs += performance.now() - begun;
    previous?.markReplaced();
  }

  async kill(): Promise<void> {
    this.current.killed = true;
    await this.current.run.kill('SIGKILL');
  }

  /** Posts one batch until the hub acknowledges it, waiting for the next hub whenever the outcome is unknown. */
  async deliver(ids: ReadonlyArray<string>): Promise<void> {
    const body = bodyOf(ids);
    for (let attempt = 0; ; attempt += 1) {
      const gen = this.current;
      this.stats.posts += 1;
      if (attempt > 0) this.stats.retries += 1;
      const ack = await this.postOnce(gen, body);
      if (ack !== null) {
        expect(ack.accepted + ack.duplicates).toBe(ids.length);
        if (attempt > 0 && ack.duplicates > 0) this.stats.retriedBatchesFoundStored += 1;
        for (const id of ids) this.acked.add(id);
        this.batches.push(ids);
        this.acks.add();
        return;
      }
      await gen.replaced;
    }
  }

  /** Posts an already acknowledged batch again to a running hub; returns its ack. */
  async resend(ids: ReadonlyArray<string>): Promise<{ accepted: number; duplicates: number } | null> {
    const ack = await this.postOnce(this.current, bodyOf(ids));
    return ack === null ? null : { accepted: ack.accepted, duplicates: ack.duplicates };
  }

  /** One POST: the hub's ack, or null when the hub was killed before the sender learned the outcome. */
  private async postOnce(gen: Generation, body: string): Promise<{ accepted: number; duplicates: number } | null> {
    try {
      const res = await fetch(`${gen.run.origin}api/ingest/e2e`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.home.ingestToken}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      if (res.status === 200) return JSON.parse(text) as { accepted: number; duplicates: number };
      if (!gen.killed) throw new Error(`the hub answered ${res.status}: ${text}`);
      return null;
    } catch (error) {
      if (!gen.killed) throw error;
      return null;
    }
  }

  async lane(lane: number, random: () => number): Promise<void> {
    for (let seq = 0; !this.stopping; seq += 1) {
      const size = 1 + Math.floor(random() * MAX_BATCH);
      await this.deliver(Array.from({ length: size }, (_, i) => `L${lane}-B${seq}-${i}`));
    }
  }
}

const status = async (run: HubRun): Promise<{ mentions: number }> =>
  (await (await fetch(`${run.origin}api/status`)).json()) as { mentions: number };

let home: HubHome | undefined;
afterAll(async () => {
  await home?.remove();
});

describe('crash consistency of the built hub', () => {
  it('stores every acknowledged webhook post exactly once across 20 SIGKILLs, and the database stays intact', async () => {
    home = await createHubHome();
    const rig = new Rig(home);
    const random = prng(SEED);
    const started = performance.now();
    await rig.start();
    const lanes = Array.from({ length: LANES }, (_, lane) => rig.lane(lane, prng(SEED + lane + 1)));
    for (let kill = 0; kill < KILLS; kill += 1) {
      await rig.acks.reached(rig.acks.count + 1 + Math.floor(random() * MAX_ACKS_BETWEEN_KILLS));
      await rig.kill();
      const ackedAtKill = rig.acked.size;
      await rig.start();
      expect((await status(rig.current.run)).mentions).toBeGreaterThanOrEqual(ackedAtKill);
    }
    rig.stopping = true;
    await Promise.all(lanes);
    // A sender that lost its acks resends: the restarted hub recognises every post.
    for (let i = 0; i < 10; i += 1) {
      const ids = rig.batches[Math.floor(random() * rig.batches.length)] ?? [];
      expect(await rig.resend(ids)).toEqual({ accepted: 0, duplicates: ids.length });
    }
    await rig.current.run.kill('SIGTERM');
    const elapsed = performance.now() - started;

    const db = new Database(join(home.dataDir, 'earshot.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db
      .prepare(
        `SELECT external_id AS id, COUNT(*) AS n, MAX(json_extract(body, '$.text')) AS text
         FROM mentions WHERE source_id = 'e2e' GROUP BY external_id`,
      )
      .all() as Array<{ id: string; n: number; text: string }>;
    const total = db.prepare(`SELECT COUNT(*) FROM mentions WHERE source_id = 'e2e'`).pluck().get() as number;
    db.close();

    // Every batch was eventually acknowledged, so the stored set is exactly the acknowledged one.
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(rows.filter((r) => r.text !== textOf(r.id))).toEqual([]);
    expect(total).toBe(rig.acked.size);
    const stored = new Set(rows.map((r) => r.id));
    const missing = [...rig.acked].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);

    const figures = {
      kills: KILLS,
      acked_posts: rig.acked.size,
      requests: rig.stats.posts,
      retried_requests: rig.stats.retries,
      retried_batches_already_stored: rig.stats.retriedBatchesFoundStored,
      elapsed_ms: Math.round(elapsed),
      boot_ms: Math.round(rig.stats.bootMs),
      posts_per_s_while_up: Math.round((rig.acked.size / (elapsed - rig.stats.bootMs)) * 1000),
    };
    process.stdout.write(
      `crash-consistency ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}\n`,
    );
  }, 240_000);
});
