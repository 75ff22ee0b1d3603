import type { IncidentRecord } from './model';
import type { OpenMinuteCounts } from './open-minute';
import { moreSevere } from './rules';
import { valueOf } from './family';

/**
 * Provisional incidents: opened from an open minute's count so far, announced at once, and settled when that
 * minute closes. The closed path runs exactly as if they did not exist; then, per provisional incident:
 * - the closed path opened an incident carrying its family → that incident takes the provisional id and opening
 *   time (one incident, announced early, confirmed by the closed minute);
 * - an incident already open carries its family → it folds into that one (resolved, `mergedInto`);
 * - otherwise it is withdrawn: resolved at once, titled "Withdrawn: …", its card saying the closed minute did not
 *   confirm it, and its watchlist waits for the closed path for `openWindowMinutes` (no flapping).
 */
export interface Provisional {
  readonly rec: IncidentRecord;
  /** The open minute it was opened from: it settles once that minute is closed. */
  readonly minute: number;
}

/** Whether an incident carries one of the provisional incident's families. */
export const sharesFamily = (rec: IncidentRecord, p: Provisional): boolean =>
  rec.families.some((f) => p.rec.families.includes(f));

/** The closed path confirmed the story: `rec` takes the provisional id, its earlier opening, and its severity floor. */
export function adopt(rec: IncidentRecord, p: Provisional): void {
  rec.id = p.rec.id;
  rec.openedAt = Math.min(rec.openedAt, p.rec.openedAt);
  rec.severity = moreSevere(rec.severity, p.rec.severity);
}

/** Another open incident tells the story: the provisional one folds into it. */
export function supersede(p: Provisional, into: string, at: number): void {
  p.rec.state = 'resolved';
  p.rec.resolvedAt = at;
  p.rec.updatedAt = at;
  p.rec.mergedInto = into;
}

/** The closed minute did not confirm it: withdrawn, resolved at once. */
export function withdraw(p: Provisional, at: number): void {
  p.rec.state = 'resolved';
  p.rec.resolvedAt = at;
  p.rec.updatedAt = at;
  p.rec.withdrawn = true;
}

/** Adds an open minute's counts so far to a provisional incident's evidence (source mix, negative share). */
export function addOpenCounts(rec: IncidentRecord, counts: OpenMinuteCounts | undefined): void {
  if (!counts) return;
  rec.negativeObserved += counts.star.negative;
  rec.totalObserved += counts.star.total;
  for (const [channel, c] of counts.channels) {
    const n = valueOf(c, rec.peak.family);
    if (n > 0) rec.sourceCounts[channel] = (rec.sourceCounts[channel] ?? 0) + n;
  }
}
