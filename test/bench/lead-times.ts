/**
 * Lead times of incidents against the onsets of the episodes they are about: minutes from an episode's onset to the
 * first alert (the incident opening), to P1, and to resolution. Shared by bench:airline and bench:demo.
 */
import type { Incident } from '../../shared/incident';
import type { IncidentEngine } from '../../electron/core/incidents';

const MIN = 60_000;

/** Hub time each incident was first seen as P1. */
export type P1Times = Map<string, number>;

/** Notes when incidents first became P1 from a stream of changed incidents at hub time `at`. */
export function noteP1(p1At: P1Times, changed: ReadonlyArray<Incident>, at: number): void {
  for (const incident of changed)
    if (incident.severity === 'P1' && !p1At.has(incident.id)) p1At.set(incident.id, Math.max(at, incident.openedAt));
}

/** The engine, watched: every tick's changed incidents go through `noteP1`. */
export function watchP1(engine: IncidentEngine, p1At: P1Times): IncidentEngine {
  return {
    ...engine,
    tick(now) {
      const changed = engine.tick(now);
      noteP1(p1At, changed, now);
      return changed;
    },
  };
}

/** One scripted or labelled episode: its name and onset (epoch ms). */
export interface Episode {
  readonly name: string;
  readonly onset: number;
}

/** Minutes after `onset`, signed, one decimal; "-" when it never happened. */
const after = (onset: number, t: number | null | undefined): string =>
  t === null || t === undefined ? '-' : `${((t - onset) / MIN).toFixed(1)}`;

/** The lead-time fields of one incident against its episode's onset. */
export function leadTimes(incident: Incident, episode: Episode, p1At: P1Times): string {
  const p1 = p1At.get(incident.id);
  return `episode=${episode.name} alert_min=${after(episode.onset, incident.openedAt)} p1_min=${after(episode.onset, p1)} resolved_min=${after(episode.onset, incident.resolvedAt)}`;
}

/** Minutes from onset to first alert (null when nothing opened), for the summary line. */
export function alertMinutes(incident: Incident | undefined, episode: Episode): number | null {
  return incident === undefined ? null : Math.round(((incident.openedAt - episode.onset) / MIN) * 10) / 10;
}
