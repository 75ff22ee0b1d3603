import { CHANNELS, type Channel } from '../../../shared/mention';
import { minuteOf, MINUTE_MS } from '../../../shared/series';
import type { SourceHealth } from '../../../shared/source-health';
import type { KeyedPoint } from '../../../shared/wall';
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

/** Builds the channel rows from the fetched breakdown and the sources' health at hub time `now` (pure). */
export function channelRows(
  points: ReadonlyArray<KeyedPoint>,
  sources: ReadonlyArray<SourceHealth>,
  now: number,
  sparkMinutes: number,
): ChannelRow[] {
  const end = minuteOf(now);
  const sparkFrom = end - (sparkMinutes - 1) * MINUTE_MS;
  const hourFrom = end - 59 * MINUTE_MS;
  const keys = new Set<Channel>(sources.flatMap((s) => (isChannel(s.kind) ? [s.kind] : [])));
  for (const p of points) if (p.minute >= sparkFrom && isChannel(p.key)) keys.add(p.key);
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
      };
    })
    .sort((a, b) => b.lastHour.total - a.lastHour.total || a.channel.localeCompare(b.channel));
}
