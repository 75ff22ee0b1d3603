import type { CompactPost, EngineState } from './model';
import { familiesOfPost, type FamilyKey } from './family';

/** Post samples per (watchlist, series family): bounded rings the evidence cards draw from. */

/** The key of a (watchlist, family) pair. */
export const watchlistFamilyKey = (w: string, family: FamilyKey): string => JSON.stringify([w, family]);

/** Appends to a bounded ring, dropping the oldest. */
export function pushRing<T>(rings: Map<string, T[]>, key: string, item: T, cap: number): void {
  const ring = rings.get(key) ?? [];
  rings.set(key, ring);
  ring.push(item);
  if (ring.length > cap) ring.shift();
}

/** Rings share posts: each is written once, rings keep ids. */
export function exportSamples(rings: ReadonlyMap<string, ReadonlyArray<CompactPost>>): EngineState['samples'] {
  const posts = new Map<string, CompactPost>();
  for (const ring of rings.values()) for (const p of ring) posts.set(p.id, p);
  return { posts: [...posts.values()], rings: [...rings].map(([k, ring]) => [k, ring.map((p) => p.id)]) };
}

/** Rebuilds the rings from their persisted form. */
export function importSamples(state: EngineState['samples']): Map<string, CompactPost[]> {
  const posts = new Map(state.posts.map((p) => [p.id, p]));
  return new Map(state.rings.map(([k, ids]) => [k, ids.flatMap((id) => posts.get(id) ?? [])]));
}

/** The series families a post counts in: volume, negative, and its failure topics unless it is positive. */
export const familiesOf = (m: CompactPost): FamilyKey[] => familiesOfPost(m.sentiment, m.topics);
