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

/** The scene after `scene` among `shown` (in rotation order; a scene not among them restarts the rotation). */
export const nextScene = (scene: Scene, shown: ReadonlyArray<Scene> = SCENES): Scene =>
  shown[(shown.indexOf(scene) + 1) % shown.length] ?? shown[0] ?? 'overview';

const isScene = (name: string): name is Scene => (SCENES as ReadonlyArray<string>).includes(name);

/** The scenes this display rotates through, and the names in the address it did not know. */
export interface SceneChoice {
  readonly scenes: ReadonlyArray<Scene>;
  readonly ignored: ReadonlyArray<string>;
}

/**
 * The scenes from the address (`?scenes=overview,incidents`, as the desktop kiosk window of each monitor passes
 * them), in rotation order, without repeats; unknown names are left out and reported. None named, or none known:
 * every scene (pure).
 */
export function scenesFromSearch(search: string): SceneChoice {
  const raw = new URLSearchParams(search).get('scenes');
  if (raw === null || raw.trim() === '') return { scenes: SCENES, ignored: [] };
  const names = raw
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  const ignored = [...new Set(names.filter((n) => !isScene(n)))].map((n) => n.slice(0, 40));
  const scenes = SCENES.filter((s) => names.includes(s));
  return { scenes: scenes.length > 0 ? scenes : SCENES, ignored };
}

/** The note the display shows when its address named scenes it does not know, or null. */
export function ignoredScenesNote(choice: SceneChoice): string | null {
  if (choice.ignored.length === 0) return null;
  const names = choice.ignored.map((n) => `"${n}"`).join(', ');
  return `Unknown scene${choice.ignored.length > 1 ? 's' : ''} ${names} ignored; showing ${choice.scenes.join(', ')}.`;
}

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
