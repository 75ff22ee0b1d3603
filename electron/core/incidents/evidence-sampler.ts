import type { EngineMemory } from './engine-memory';
import type { FamilyKey } from './family';
import type { CompactPost, IncidentRecord } from './model';
import type { IncidentParams } from './params';
import { familiesOf, pushRing, watchlistFamilyKey } from './samples';
import { addPosts } from './tracking';
import { MINUTE_MS } from '../../../shared/series';

/** The evidence sampler: bounded post rings per (watchlist, family), from which incidents draw their posts. */
export interface EvidenceSampler {
  /** Keeps a post in the ring of every family it counts in. */
  record(watchlist: string, post: CompactPost): void;
  /** A family's sampled posts created from `from` to the end of minute `to`. */
  recent(watchlist: string, family: FamilyKey, from: number, to: number): CompactPost[];
  /** Adds a family's sampled posts from `from` to the end of minute `to` to an incident (bounded). */
  addTo(rec: IncidentRecord, family: FamilyKey, from: number, to: number): void;
}

/** Creates the sampler over the engine's memory (read through on every call: a restore replaces its rings). */
export function createEvidenceSampler(memory: EngineMemory, params: IncidentParams): EvidenceSampler {
  const recent = (watchlist: string, family: FamilyKey, from: number, to: number): CompactPost[] =>
    (memory.samples.get(watchlistFamilyKey(watchlist, family)) ?? []).filter(
      (post) => post.createdAt >= from && post.createdAt < to + MINUTE_MS,
    );
  return {
    record(watchlist, post) {
      for (const family of familiesOf(post))
        pushRing(memory.samples, watchlistFamilyKey(watchlist, family), post, params.samplePerSeries);
    },
    recent,
    addTo: (rec, family, from, to) => addPosts(rec, recent(rec.watchlist, family, from, to), params.postsPerIncident),
  };
}
