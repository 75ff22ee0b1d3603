import { describe, expect, it } from 'vitest';
import { layoutSpark } from '../../../../renderer/charts/spark-layout';
import { layoutTimeline } from '../../../../renderer/charts/timeline-layout';
import { channelRows } from '../../../../renderer/features/display/channel-rows';
import { clockParts, showsDate } from '../../../../renderer/features/display/clock-view';
import { minuteCells, topicTrends } from '../../../../renderer/features/display/day-series';
import {
  nextScene,
  openIncidents,
  rotateMsFromSearch,
  takeoverIncident,
} from '../../../../renderer/features/display/scenes';
import { drillSearch } from '../../../../renderer/features/drilldown/drill-query';
import { dataAge, formatNet, netVsUsual, volumeVsUsual } from '../../../../renderer/features/kpi/kpi-view';
import type { SeriesPoint } from '../../../../shared/series';
import type { KeyedPoint, WallSeries } from '../../../../shared/wall';
import { makeHealth, makeIncident, makeWorkflow } from '../fixtures';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 12, 12, 0, 0);
const point = (minute: number, total: number, negative = 0, positive = 0): SeriesPoint => ({
  minute,
  total,
  negative,
  positive,
});

function fetched(over: Partial<WallSeries> = {}): WallSeries {
  return { from: T0 - 9 * M, to: T0, points: [], byChannel: [], byTopic: [], up: [], ...over };
}

describe('the day as minutes: data, zero or gap', () => {
  it('draws a minute with no posts while the hub was down as a gap, never as zero', () => {
    const cells = minuteCells({
      fetched: fetched({
        points: [point(T0 - 9 * M, 3), point(T0 - 2 * M, 4)],
        up: [
          { from: T0 - 9 * M, to: T0 - 7 * M },
          { from: T0 - 3 * M + 5, to: T0 },
        ],
      }),
      live: new Map(),
      from: T0 - 9 * M,
      now: T0,
      connected: true,
    });
    expect(cells.map((c) => c.state)).toEqual([
      'data',
      'data',
      'data', // up: 3 posts, then two real zeros
      'gap',
      'gap',
      'gap', // down and silent: unknown
      'data',
      'data',
      'data',
      'data',
    ]);
    expect(cells[1]?.total).toBe(0);
  });

  it('keeps posts that arrived while no span covers them (back-filled history) as data', () => {
    const cells = minuteCells({
      fetched: fetched({ points: [point(T0 - 5 * M, 2)] }),
      live: new Map(),
      from: T0 - 5 * M,
      now: T0 - 4 * M,
      connected: true,
    });
    expect(cells.map((c) => c.state)).toEqual(['data', 'gap']);
  });

  it('lets live deltas win over the fetch, and counts minutes after the fetch as up only while connected', () => {
    const live = new Map([[T0 + M, point(T0 + M, 9)]]);
    const input = { fetched: fetched({ up: [{ from: T0 - 9 * M, to: T0 }] }), live, from: T0 - M, now: T0 + 2 * M };
    expect(minuteCells({ ...input, connected: true }).map((c) => [c.total, c.state])).toEqual([
      [0, 'data'],
      [0, 'data'],
      [9, 'data'],
      [0, 'data'],
    ]);
    expect(minuteCells({ ...input, connected: false }).map((c) => c.state)).toEqual(['data', 'data', 'data', 'gap']);
  });
});

describe('the timeline layout (d3 computes, React draws)', () => {
  it('joins gap minutes into one hatched run and breaks the net line there', () => {
    const cells = minuteCells({
      fetched: fetched({
        points: [point(T0 - 9 * M, 4, 1, 3), point(T0, 2, 2, 0)],
        up: [
          { from: T0 - 9 * M, to: T0 - 8 * M },
          { from: T0 - M, to: T0 },
        ],
      }),
      live: new Map(),
      from: T0 - 9 * M,
      now: T0,
      connected: true,
    });
    const layout = layoutTimeline({ cells, width: 800, height: 300, formatTime: String });
    expect(layout.gaps).toHaveLength(1);
    expect(layout.gaps[0]).toMatchObject({ from: T0 - 7 * M, to: T0 - M });
    expect(layout.buckets[0]?.net).toBeCloseTo(0.5);
    expect(layout.buckets[layout.buckets.length - 1]?.net).toBe(-1);
    // Two separate segments: the line is not drawn across the gap (nor through minutes without posts).
    expect(layout.netPath.match(/M/g)?.length).toBe(2);
  });
});

describe('channels', () => {
  const points: KeyedPoint[] = [
    { minute: T0 - 30 * M, key: 'ingest', total: 5, negative: 1, positive: 2 },
    { minute: T0 - 20 * M, key: 'x', total: 3, negative: 3, positive: 0 },
  ];

  it('marks a channel stale when its source went quiet, and its silence since then a gap', () => {
    const sources = [
      makeHealth('e2e', { kind: 'ingest', lastItemAt: T0 - 30 * M }),
      makeHealth('sim', { kind: 'simulator', lastItemAt: T0 - M }),
    ];
    const rows = channelRows(points, sources, T0, 60);
    const ingest = rows.find((r) => r.channel === 'ingest');
    const x = rows.find((r) => r.channel === 'x');
    expect(ingest).toMatchObject({ stale: true, dataAt: T0 - 30 * M, lastHour: { total: 5 } });
    expect(x).toMatchObject({ stale: false, dataAt: T0 - M });
    const bars = layoutSpark({
      counts: ingest!.counts,
      from: T0 - 59 * M,
      now: T0,
      width: 600,
      height: 40,
      hubDown: new Set(),
      silentSince: ingest!.dataAt,
    });
    expect(bars.filter((b) => b.gap).map((b) => b.minute)).toEqual(
      Array.from({ length: 30 }, (_, i) => T0 - 29 * M + i * M),
    );
    const live = layoutSpark({
      counts: x!.counts,
      from: T0 - 59 * M,
      now: T0,
      width: 600,
      height: 40,
      hubDown: new Set([T0 - 5 * M]),
      silentSince: null,
    });
    expect(live.filter((b) => b.gap).map((b) => b.minute)).toEqual([T0 - 5 * M]);
  });

  it('ranks topics by how much they rose or fell against the hour before', () => {
    const topics: KeyedPoint[] = [
      { minute: T0 - 10 * M, key: 'login', total: 30, negative: 30, positive: 0 },
      { minute: T0 - 70 * M, key: 'login', total: 2, negative: 2, positive: 0 },
      { minute: T0 - 80 * M, key: 'refund', total: 9, negative: 9, positive: 0 },
      { minute: T0 - 5 * M, key: 'refund', total: 1, negative: 1, positive: 0 },
    ];
    expect(topicTrends(topics, T0).map((t) => [t.topic, t.direction, t.now, t.before])).toEqual([
      ['login', 'rising', 30, 2],
      ['refund', 'falling', 1, 9],
    ]);
  });
});

describe('scenes and the P1 takeover', () => {
  it('takes over for the oldest unacknowledged P1, and lets go once someone acknowledges it', () => {
    const p1 = makeIncident('a', T0, { severity: 'P1', workflow: makeWorkflow(T0) });
    const older = makeIncident('b', T0 - M, { severity: 'P1', workflow: makeWorkflow(T0 - M) });
    const p2 = makeIncident('c', T0 - 2 * M, { severity: 'P2' });
    expect(takeoverIncident([p1, older, p2])?.id).toBe('b');
    const acked = { ...older, workflow: makeWorkflow(T0 - M, { state: 'acknowledged', acknowledgedAt: T0 }) };
    expect(takeoverIncident([acked, p2])).toBeNull();
    expect(openIncidents([p2, acked, p1]).map((i) => i.id)).toEqual(['b', 'a', 'c']);
  });

  it('rotates through the four scenes at the interval the address gives', () => {
    expect(nextScene('overview')).toBe('channels');
    expect(nextScene('incidents')).toBe('overview');
    expect(rotateMsFromSearch('?wall=1')).toBe(20_000);
    expect(rotateMsFromSearch('?wall=1&rotate=5')).toBe(5_000);
    expect(rotateMsFromSearch('?rotate=1')).toBe(3_000);
    expect(rotateMsFromSearch('?rotate=0')).toBeNull();
    expect(rotateMsFromSearch('?rotate=x')).toBe(20_000);
  });
});

describe('words on the tiles', () => {
  it('shows net sentiment as points against its usual, and volume against usual', () => {
    expect(formatNet(0.25)).toBe('+25');
    expect(formatNet(-0.68)).toBe('−68');
    expect(formatNet(null)).toBe('—');
    expect(netVsUsual(0.1, -0.02)).toBe('12 above usual (−2)');
    expect(netVsUsual(0.1, null)).toMatch(/no usual yet/);
    expect(volumeVsUsual(240, 100)).toBe('2.4× usual (100)');
    expect(volumeVsUsual(50, 100)).toBe('50% below usual (100)');
  });

  it('says how old the data is, and turns stale when it is old or the hub is lost', () => {
    expect(dataAge(T0 - 40_000, T0, false)).toEqual({ label: 'data 40s old', stale: false });
    expect(dataAge(T0 - 20 * M, T0, false).stale).toBe(true);
    expect(dataAge(T0 - 1000, T0, true).stale).toBe(true);
    expect(dataAge(null, T0, false)).toEqual({ label: 'no data yet', stale: false });
  });

  it("puts the date on the clock whenever hub time is not the viewer's now", () => {
    const now = Date.UTC(2026, 11, 1, 10, 0, 0);
    expect(showsDate(now + 60_000, now)).toBe(false);
    expect(showsDate(now - 3 * 24 * 60 * M, now)).toBe(true);
    expect(showsDate(now + 30 * M, now)).toBe(true);
    expect(clockParts(now - 3 * 24 * 60 * M, now).date).toMatch(/2026/);
    expect(clockParts(now, now).date).toBeNull();
  });

  it('asks the search for the posts behind a target', () => {
    expect(drillSearch({ title: 't', from: 1, to: 2, channels: ['reddit'], topic: 'login' }, 'c1')).toEqual({
      from: 1,
      to: 2,
      channels: ['reddit'],
      topic: 'login',
      cursor: 'c1',
      sort: 'time',
      limit: 50,
    });
  });
});
