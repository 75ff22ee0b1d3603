import { describe, expect, it } from 'vitest';
import { startXFake, type FakeTweet } from '../../fixtures/fakes/x-fake';
import { rows, startTeamHub, teamPostgres, untilRows } from './lease-hubs';

/** SIGTERM of the hub holding the leases: it stops its work, saves, and hands every lease to its peer. */

const BEARER = 'x-bearer-shutdown-test';
const team = teamPostgres();
const { closers } = team;

const tweet = (n: number): FakeTweet => ({
  id: String(2_000 + n),
  text: `acme app will not open (${n})`,
  authorId: 'u1',
  createdAt: Date.now() - 60_000 + n,
});
const ALL = ['detector', 'escalation', 'source:x1'];
const holdsAll = (leases: ReadonlyArray<string>): boolean => ALL.every((l) => leases.includes(l));

describe('graceful shutdown of a team hub', () => {
  it('stops the leased work, saves detection, releases the leases and leaves the peers list', async () => {
    const url = await team.server.createDatabase();
    const x = await startXFake({ bearerToken: BEARER, now: () => Date.now() });
    closers.push(() => x.close());
    x.addTweets([1, 2, 3].map(tweet));
    const config = {
      watchlists: [{ id: 'brand', name: 'Acme', query: 'acme' }],
      sources: [{ id: 'x1', type: 'x', baseUrl: x.url, pollIntervalMs: 1_000 }],
      // A long period: the peer still takes over at its next try, and the lock is already free when it does.
      team: { leasePeriodMs: 1_000 },
    };
    const start = (name: string) =>
      startTeamHub({ name, databaseUrl: url, config, env: { EARSHOT_X1_BEARERTOKEN: BEARER } });
    const a = await start('a');
    const aId = (await a.until((s) => holdsAll(s.hub?.leases ?? []))).hub?.id ?? '';
    const b = await start('b');
    await b.until((s) => (s.hub?.peers ?? []).some((p) => p.id === aId));
    await untilRows(url, "SELECT 1 FROM mentions WHERE source_id = 'x1'", (r) => r.length === 3);
    await rows(url, "DELETE FROM state WHERE key = 'detection'");

    await a.terminate();
    expect(a.process.exitCode).toBe(0);
    // Saved on the way out, for whoever holds the detector next; and A is no longer anyone's peer.
    expect(await rows(url, "SELECT key FROM state WHERE key = 'detection'")).toEqual([{ key: 'detection' }]);
    expect(await rows(url, 'SELECT key FROM state WHERE key = $1', [`hub:${aId}`])).toEqual([]);
    const released = a
      .output()
      .split('\n')
      .filter((line) => line.includes('"lease released"'))
      .map((line) => (JSON.parse(line) as { lease: string }).lease);
    expect(released).toEqual(['source:x1', 'escalation', 'detector']);

    const took = await b.until((s) => holdsAll(s.hub?.leases ?? []));
    expect(took.hub?.peers).toEqual([]);
    x.addTweets([4, 5].map(tweet));
    await untilRows(url, "SELECT 1 FROM mentions WHERE source_id = 'x1'", (r) => r.length === 5);
    const ids = await rows<{ external_id: string }>(
      url,
      "SELECT external_id FROM mentions WHERE source_id = 'x1' ORDER BY external_id",
    );
    expect(ids.map((r) => r.external_id)).toEqual(['2001', '2002', '2003', '2004', '2005']);
  }, 120_000);
});
