import { formatDuration } from '../feed/relative-time';

/** A tile turns stale when its data is older than this (hub time) or the wall has lost the hub. */
export const TILE_STALE_MS = 15 * 60 * 1000;

/** Net sentiment as points: +25 for a balance of +0.25 (a promoter/detractor style figure). */
export const formatNet = (net: number | null): string => {
  if (net === null) return '—';
  const points = Math.round(net * 100);
  return points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0';
};

/** "+8 vs usual −2", "usual unknown (no history yet)". */
export function netVsUsual(now: number | null, usual: number | null): string {
  if (usual === null) return 'no usual yet: needs a day of history';
  if (now === null) return `usual ${formatNet(usual)}`;
  const delta = Math.round((now - usual) * 100);
  const word = delta > 0 ? `${delta} above` : delta < 0 ? `${Math.abs(delta)} below` : 'at';
  return `${word} usual (${formatNet(usual)})`;
}

/** "2.4× usual (1,020)", "40% below usual", "no usual yet". */
export function volumeVsUsual(now: number, usual: number | null): string {
  if (usual === null) return 'no usual yet: needs a day of history';
  if (usual === 0) return now === 0 ? 'at usual (0)' : 'usual is 0';
  const ratio = now / usual;
  const u = Math.round(usual).toLocaleString();
  if (ratio >= 1.5) return `${ratio.toFixed(1)}× usual (${u})`;
  if (ratio <= 0.67) return `${Math.round((1 - ratio) * 100)}% below usual (${u})`;
  return `about usual (${u})`;
}

/** A tile's data age and whether it is stale. */
export interface Age {
  readonly label: string;
  readonly stale: boolean;
}

/**
 * How old a tile's data is at hub time `now`: "data 40s old"; "no data yet"; stale past TILE_STALE_MS or when
 * the wall has lost the hub (its ages are frozen at the moment it was lost).
 */
export function dataAge(dataAt: number | null, now: number, linkLost: boolean): Age {
  if (dataAt === null) return { label: 'no data yet', stale: linkLost };
  const ms = Math.max(0, now - dataAt);
  return { label: `data ${formatDuration(ms)} old`, stale: linkLost || ms > TILE_STALE_MS };
}
