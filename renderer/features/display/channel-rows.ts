import { CHANNELS, type Channel } from '../../../shared/mention';
import { minuteOf, MINUTE_MS } from '../../../shared/series';
import type { SourceHealth } from '../../../shared/source-health';
import type { KeyedPoint, SourceDownSpan } from '../../../shared/wall';
import { isDownIn } from './day-series';
import { freshness } from '../../stores/sources-slice';

/** One channel as the Channels scene shows it. */
export interface ChannelRow {
  readonly channel: Channel;
  readonly lastHour: { readonly total: number; readonly positive: number; readonly negative: number };
  /** Per-minute counts over the sparkline's window. */
  readonly counts: ReadonlyMap<number, { readonly total: number; readonly negative: number }>;
  /** Newest post from the channel's sources (or seen in the series), null when none. */
  readonly dataAt: number | null;
  /** Its sources are failing or silent past the stale threshold. */
  readonly stale: boolean;
  /** The worst health among its sources, for the mark. */
  readonly health: SourceHealth['state'] | null;
  readonly sourceLabels: ReadonlyArray<string>;
  /** Minutes of the sparkline's window when every source of the channel was down (a past outage): gaps. */
  readonly down: ReadonlySet<number>;
}

const isChannel = (k: string): k is Channel => (CHANNELS as ReadonlyArray<string>).includes(k);
const HEALTH_ORDER: ReadonlyArray<SourceHealth['state']> = [
  'auth-error',
  'failing',
  'rate-limited',
  'degraded',
  'idle',
  'ok',
];

/** The sources that speak for a channel: those of its kind, else the simulator and replays (pure). */
function sourcesFor(channel: Channel, sources: ReadonlyArray<SourceHealth>): SourceHealth[] {
  const own = sources.filter((s) => s.kind === channel);
  return own.length > 0 ? own : sources.filter((s) => s.kind === 'simulator' || s.kind === 'replay');
}

/**
 * The minutes in [from, to] when every source speaking for `channel` was down, by the hub's down spans: those of
 * its kind (known now or from the spans), else the simulator's and replays' (pure).
 */
export function channelDownMinutes(
  channel: Channel,
  sources: ReadonlyArray<SourceHealth>,
  spans: ReadonlyArray<SourceDownSpan>,
  from: number,
  to: number,
): Set<number> {
  const idsOf = (kinds: ReadonlyArray<string>): Set<string> =>
    new Set([
      ...sources.filter((s) => kinds.includes(s.kind)).map((s) => s.sourceId),
      ...spans.filter((s) => kinds.includes(s.kind)).map((s) => s.sourceId),
    ]);
  const own = idsOf([channel]);
  const ids = own.size > 0 ? own : idsOf(['simulator', 'replay']);
  const out = new Set<number>();
  const mine = spans.filter((s) => ids.has(s.sourceId));
  if (ids.size === 0 || mine.length === 0) return out;
  for (let m = minuteOf(from); m <= minuteOf(to); m += MINUTE_MS)
    if ([...ids].every((id) => mine.some((s) => s.sourceId === id && isDownIn(s, m)))) out.add(m);
  return out;
}

/** Builds the channel rows from the breakdown, the sources' health at hub time `now` and their down spans (pure). */
export function channelRows(
  points: ReadonlyArray<KeyedPoint>,
  sources: ReadonlyArray<SourceHealth>,
  now: number,
  sparkMinutes: number,
  spans: ReadonlyArray<SourceDownSpan> = [],
): ChannelRow[] {
  const end = minuteOf(now);
  const sparkFrom = end - (sparkMinutes - 1) * MINUTE_MS;
  const hourFrom = end - 59 * MINUTE_MS;
  const keys = new Set<Channel>(sources.flatMap((s) => (isChannel(s.kind) ? [s.kind] : [])));
  for (const p of points) if (p.minute >= sparkFrom && isChannel(p.key)) keys.add(p.key);
  for (const s of spans) if (s.to >= sparkFrom && isChannel(s.kind)) keys.add(s.kind);
  return [...keys]
    .map((channel): ChannelRow => {
      const counts = new Map<number, { total: number; negative: number }>();
      const lastHour = { total: 0, positive: 0, negative: 0 };
      let seen: number | null = null;
      for (const p of points) {
        if (p.key !== channel) continue;
        seen = Math.max(seen ?? p.minute, p.minute);
        if (p.minute >= sparkFrom) counts.set(p.minute, { total: p.total, negative: p.negative });
        if (p.minute >= hourFrom) {
          lastHour.total += p.total;
          lastHour.positive += p.positive;
          lastHour.negative += p.negative;
        }
      }
      const own = sourcesFor(channel, sources);
      const itemAt = own.reduce<number | null>(
        (t, s) => (s.lastItemAt === null ? t : Math.max(t ?? 0, s.lastItemAt)),
        null,
      );
      const stale = own.length > 0 && own.every((s) => freshness(s, now).stale);
      const health = HEALTH_ORDER.find((h) => own.some((s) => s.state === h)) ?? null;
      return {
        channel,
        lastHour,
        counts,
        dataAt: itemAt ?? seen,
        stale,
        health,
        sourceLabels: own.map((s) => s.label),
        down: channelDownMinutes(channel, sources, spans, sparkFrom, end),
      };
    })
    .sort((a, b) => b.lastHour.total - a.lastHour.total || a.channel.localeCompare(b.channel));
}
