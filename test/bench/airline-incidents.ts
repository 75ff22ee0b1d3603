/**
 * Replays the airline tweets corpus through the incident engine with the real detector and prints the incidents
 * it raises. `--labels` enriches from the corpus' own labels (sentiment, negativereason) instead of the enricher,
 * to separate detection quality from enrichment quality. Incidents about a labelled storm also get their lead times
 * (minutes from the storm's onset, found from the corpus' labels, to first alert, to P1, to resolution). Ends with
 * one key=value line.
 */
import { performance } from 'node:perf_hooks';
import {
  countBySeverity,
  createDefaultIncidentEngine,
  describeIncident,
  detectOver,
  parseParamSettings,
} from '../../electron/core/incidents';
import type { Incident } from '../../shared/incident';
import type { Enrichment } from '../../shared/mention';
import { airlineMentions, readAirlineRows } from '../unit/incidents/airline';
import type { AirlineRow } from '../unit/incidents/airline';
import { AIRLINE_CSV } from './shared-data';
import { leadTimes, watchP1, type Episode, type P1Times } from './lead-times';

const REASON_TOPICS: Readonly<Record<string, string>> = {
  'Cancelled Flight': 'cancellation',
  'Late Flight': 'delay',
  'Customer Service Issue': 'customer-service',
  'Flight Booking Problems': 'booking',
  'Lost Luggage': 'luggage',
  'Damaged Luggage': 'luggage',
};

function labelEnrichment(_text: string, row: AirlineRow): Enrichment {
  const label =
    row.airline_sentiment === 'negative' ? 'negative' : row.airline_sentiment === 'positive' ? 'positive' : 'neutral';
  const topic = REASON_TOPICS[row.negativereason ?? ''];
  return {
    sentiment: { label, score: label === 'negative' ? -0.7 : label === 'positive' ? 0.7 : 0, confidence: 1 },
    topics: topic ? [{ topic, terms: [] }] : [],
    language: 'en',
    authorWeight: 1,
    vip: false,
  };
}

/** The worst severity among `incidents`, or "none". */
function worst(incidents: ReadonlyArray<Incident>): string {
  return incidents.map((i) => i.severity).sort()[0] ?? 'none';
}

/** The day the corpus' two known storms blew (UTC). */
const STORM_DAY = { from: Date.UTC(2015, 1, 22), to: Date.UTC(2015, 1, 23, 6) };

/**
 * What the corpus is known to hold: American's DFW storm on Feb 22 (cancellations at Dallas/Fort Worth and the phone
 * lines they jammed: an incident on cancellations, or naming dfw or dallas, opened that evening) and US Airways'
 * jammed phone lines the same day (customer service). An incident on another day is not the storm.
 */
function knownBreakdowns(incidents: ReadonlyArray<Incident>): string {
  const storm = incidents.filter(
    (i) =>
      i.watchlist === 'American' &&
      i.openedAt >= Date.UTC(2015, 1, 22, 19, 30) &&
      i.openedAt <= Date.UTC(2015, 1, 22, 22) &&
      (i.topics.includes('cancellation') ||
        i.evidence.risingTerms.some((t) => t.term === 'dfw' || t.term === 'dallas')),
  );
  const phones = incidents.filter(
    (i) =>
      i.watchlist === 'US Airways' &&
      i.topics.includes('customer_service') &&
      i.openedAt >= STORM_DAY.from &&
      i.openedAt < STORM_DAY.to,
  );
  return `known: dfw_storm=${worst(storm)} usairways_phone_lines=${worst(phones)}`;
}

/** The labelled storms: the first UTC hour of their day in which the corpus' own labels reach `perHour` tweets. */
const LABELLED: ReadonlyArray<{ name: string; watchlist: string; topic: string; day: string; perHour: number }> = [
  { name: 'dfw_storm', watchlist: 'American', topic: 'cancellation', day: '2015-02-22', perHour: 10 },
  { name: 'usairways_phone_lines', watchlist: 'US Airways', topic: 'customer-service', day: '2015-02-22', perHour: 15 },
];

/** Each labelled storm's onset, from the labels (negativereason), whatever enrichment detection ran on. */
function labelledEpisodes(rows: ReadonlyArray<AirlineRow>): Array<Episode & { watchlist: string }> {
  const labelled = airlineMentions(rows, labelEnrichment);
  return LABELLED.flatMap((spec) => {
    const hours = new Map<number, number>();
    for (const m of labelled) {
      if (m.watchlist !== spec.watchlist || !m.enrichment.topics.some((t) => t.topic === spec.topic)) continue;
      if (new Date(m.createdAt).toISOString().slice(0, 10) !== spec.day) continue;
      const hour = Math.floor(m.createdAt / 3_600_000) * 3_600_000;
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
    }
    const onset = [...hours].filter(([, n]) => n >= spec.perHour).sort((a, b) => a[0] - b[0])[0]?.[0];
    return onset === undefined ? [] : [{ name: spec.name, onset, watchlist: spec.watchlist }];
  });
}

/** The labelled episode an incident is about: same watchlist, opened within six hours after its onset. */
function episodeOf(incident: Incident, episodes: ReadonlyArray<Episode & { watchlist: string }>): Episode | undefined {
  return episodes.find(
    (e) =>
      e.watchlist === incident.watchlist &&
      incident.openedAt >= e.onset - 3_600_000 &&
      incident.openedAt < e.onset + 6 * 3_600_000,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const settings = parseParamSettings(args.filter((a) => a.includes('=')));
  if (!settings.ok) throw new Error(settings.error.message);
  const rows = await readAirlineRows(AIRLINE_CSV);
  let enrich = labelEnrichment;
  if (!args.includes('--labels')) {
    const { createEnricher } = await import('../../electron/core/pipeline/enrich');
    const enricher = createEnricher();
    enrich = (text) => enricher.enrich({ text, channel: 'x', author: { handle: 'x' }, metadata: {} });
  }
  const mentions = airlineMentions(rows, enrich);
  const engine = createDefaultIncidentEngine(settings.value);
  const p1At: P1Times = new Map();
  const episodes = labelledEpisodes(rows);
  const started = performance.now();
  const incidents = detectOver(mentions, watchP1(engine, p1At));
  const seconds = (performance.now() - started) / 1000;
  for (const incident of incidents) {
    process.stdout.write(`${describeIncident(incident, 6)}\n`);
    const until =
      incident.resolvedAt === null
        ? 'open at end'
        : `resolved ${new Date(incident.resolvedAt).toISOString().slice(5, 16)}`;
    const e = incident.evidence;
    process.stdout.write(
      `      topics=${incident.topics.join('/') || '-'} ${until} ${e.statistic}; negative share ${e.sentimentShift.baselineNegativeShare} -> ${e.sentimentShift.observedNegativeShare}; first: ${JSON.stringify(e.firstPost?.text.slice(0, 90) ?? '')}\n`,
    );
    const episode = episodeOf(incident, episodes);
    if (episode) process.stdout.write(`      lead times: ${leadTimes(incident, episode, p1At)}\n`);
  }
  process.stdout.write(`${knownBreakdowns(incidents)}\n`);
  const counts = countBySeverity(incidents);
  const stateBytes = JSON.stringify(engine.exportState()).length;
  process.stdout.write(
    `mentions=${mentions.length} incidents=${incidents.length} p1=${counts.P1} p2=${counts.P2} p3=${counts.P3} p4=${counts.P4} seconds=${seconds.toFixed(2)} state_bytes=${stateBytes} mentions_per_s=${Math.round(mentions.length / seconds)}\n`,
  );
}

await main();
