import type { Incident } from '../../../shared/incident';

/** The executive display's scenes, in rotation order. */
export const SCENES = ['overview', 'channels', 'topics', 'incidents'] as const;
export type Scene = (typeof SCENES)[number];

/** Scene headings, in the words of PRODUCT.md. */
export const SCENE_TITLES: Readonly<Record<Scene, string>> = {
  overview: 'Are customers OK right now?',
  channels: 'Channels',
  topics: 'Failure topics today',
  incidents: 'Open incidents',
};

/** Seconds each scene shows, unless the address says `?rotate=N` (at least 3). */
export const DEFAULT_ROTATE_S = 20;

/** The rotation interval in ms from the address (`?rotate=N` seconds; `?rotate=0` holds the first scene). */
export function rotateMsFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('rotate');
  if (raw === null || raw.trim() === '') return DEFAULT_ROTATE_S * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return DEFAULT_ROTATE_S * 1000;
  return n === 0 ? null : Math.max(3, n) * 1000;
}

/** The scene after `scene`. */
export const nextScene = (scene: Scene): Scene => SCENES[(SCENES.indexOf(scene) + 1) % SCENES.length] ?? 'overview';

/** True while a person has not acknowledged the incident (and it is still open). */
export function unacknowledged(i: Incident): boolean {
  if (i.state === 'resolved' || i.resolvedAt !== null || i.mergedInto) return false;
  const w = i.workflow;
  if (w === undefined) return i.state === 'open';
  return w.state === 'new' && w.acknowledgedAt === null && w.mergedInto === null;
}

/** The P1 that takes the display over: the oldest unacknowledged open P1, or null. */
export function takeoverIncident(incidents: Iterable<Incident>): Incident | null {
  let pick: Incident | null = null;
  for (const i of incidents) {
    if (i.severity !== 'P1' || !unacknowledged(i)) continue;
    if (pick === null || i.openedAt < pick.openedAt) pick = i;
  }
  return pick;
}

/** Open incidents, most severe first, oldest first among equals. */
export function openIncidents(incidents: Iterable<Incident>): Incident[] {
  const rank = { P1: 0, P2: 1, P3: 2, P4: 3 } as const;
  return [...incidents]
    .filter((i) => i.state !== 'resolved' && i.resolvedAt === null && !i.mergedInto && i.workflow?.state !== 'resolved')
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.openedAt - b.openedAt);
}
