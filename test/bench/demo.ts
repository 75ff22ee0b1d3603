/**
 * The demo's report: boots the hub as `serve --demo` does (the simulator through the real pipeline, SQLite,
 * detection) on a hub clock, plays the script for `--minutes` (default 190) from `--start` (default now), and prints
 * every incident with its lead times: minutes from the onset of its scripted episode to the first alert, to P1, and to
 * resolution. Ends with one key=value line. `npm run bench:demo -- --start 2026-12-01T06:40:00Z`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../shared/incident';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { DEFAULT_INCIDENT_PARAMS } from '../../electron/core/incidents/params';
import { ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { SIMULATOR_SCENARIO, type ScenarioEpisode } from '../../electron/core/connectors/simulator/scenario';
import { alertMinutes, leadTimes, noteP1, type P1Times } from './lead-times';

const MIN = 60_000;

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Minutes before an episode's onset an incident about it may open: a chance flicker of negative posts one detection
 * window before may open one that the breakdown then takes as its topic. */
const EARLY_MINUTES = DEFAULT_INCIDENT_PARAMS.windowMinutes;

/** The scripted episode an incident is about: a breakdown by its topic, the campaign by having none, near its onset. */
function episodeOf(incident: Incident, start: number): ScenarioEpisode | undefined {
  return SIMULATOR_SCENARIO.episodes.find((e) => {
    const onset = start + e.onsetMinutes * MIN;
    const near = incident.openedAt >= onset - EARLY_MINUTES * MIN && incident.openedAt <= onset + 30 * MIN;
    const about = e.expectedTopic === null ? incident.topics.length === 0 : incident.topics.includes(e.expectedTopic);
    return near && about;
  });
}

async function main(): Promise<void> {
  const start = Math.floor(Date.parse(option('--start') ?? new Date().toISOString()) / 1000) * 1000;
  const minutes = Number(option('--minutes') ?? 190);
  const dataDir = await mkdtemp(join(tmpdir(), 'earshot-bench-demo-'));
  const clock = new ManualClock(start);
  const hub = await bootHub({ dataDir, demo: true, clock, logger: silentLogger() });
  const p1At: P1Times = new Map();
  const seen = new Map<string, Incident>();
  hub.core.events.subscribe((event) => {
    if (event.name !== 'incidents:changed') return;
    noteP1(p1At, event.payload.incidents, clock.now());
    for (const incident of event.payload.incidents) seen.set(incident.id, incident);
  });
  try {
    for (let m = 0; m < minutes; m++) await clock.advance(MIN);
  } finally {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const incidents = [...seen.values()].sort((a, b) => a.openedAt - b.openedAt);
  const withdrawn = incidents.filter((i) => i.withdrawn === true);
  const live = incidents.filter((i) => !i.mergedInto && i.withdrawn !== true);
  const rel = (t: number | null): string => (t === null ? 'open' : `+${((t - start) / MIN).toFixed(1)}`);
  process.stdout.write(`demo started ${new Date(start).toISOString()}, ${minutes} hub minutes\n`);
  // Withdrawn alerts are listed too (their titles say so), but are not the episode's incident.
  for (const incident of incidents.filter((i) => !i.mergedInto)) {
    const episode = episodeOf(incident, start);
    const lead = episode
      ? leadTimes(incident, { name: episode.id, onset: start + episode.onsetMinutes * MIN }, p1At)
      : 'episode=none (not scripted)';
    const terms = incident.evidence.risingTerms
      .slice(0, 5)
      .map((t) => t.term)
      .join(', ');
    process.stdout.write(
      `${incident.severity} opened ${rel(incident.openedAt)} resolved ${rel(incident.resolvedAt)} ${incident.title} [${terms}]\n      ${lead}; ${incident.evidence.statistic}\n`,
    );
  }
  const byEpisode = (id: string): Incident | undefined => live.find((i) => episodeOf(i, start)?.id === id);
  const at = (id: string): number =>
    start + (SIMULATOR_SCENARIO.episodes.find((e) => e.id === id)?.onsetMinutes ?? 0) * MIN;
  const outage = byEpisode('login-outage');
  const glitch = byEpisode('payment-glitch');
  const p1 = outage === undefined ? undefined : p1At.get(outage.id);
  const resolved = (i: Incident | undefined): string =>
    i?.resolvedAt == null ? 'none' : ((i.resolvedAt - at(episodeOf(i, start)?.id ?? '')) / MIN).toFixed(1);
  process.stdout.write(
    [
      `incidents=${live.length}`,
      `merged=${incidents.filter((i) => i.mergedInto).length}`,
      `withdrawn=${withdrawn.length}`,
      `unscripted=${live.filter((i) => episodeOf(i, start) === undefined).length}`,
      `outage=${outage?.severity ?? 'none'}`,
      `outage_alert_min=${alertMinutes(outage, { name: '', onset: at('login-outage') }) ?? 'none'}`,
      `outage_p1_min=${p1 === undefined ? 'none' : ((p1 - at('login-outage')) / MIN).toFixed(1)}`,
      `outage_resolved_min=${resolved(outage)}`,
      `campaign=${byEpisode('cashback-campaign')?.severity ?? 'none'}`,
      `glitch=${glitch?.severity ?? 'none'}`,
      `glitch_alert_min=${alertMinutes(glitch, { name: '', onset: at('payment-glitch') }) ?? 'none'}`,
      `glitch_resolved_min=${resolved(glitch)}`,
    ].join(' ') + '\n',
  );
}

await main();
