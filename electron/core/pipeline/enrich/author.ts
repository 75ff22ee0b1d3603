import type { Author } from '../../../../shared/mention';

/** An ordinary customer's weight. */
export const BASE_WEIGHT = 1;
/** A VIP-listed author weighs at least this much. */
export const VIP_MIN_WEIGHT = 5;
/** Verified accounts weigh this much more. */
export const VERIFIED_FACTOR = 1.5;
/** Weight never exceeds this, so one celebrity cannot drown a breakdown's signal. */
export const MAX_WEIGHT = 10;

/** How much an author matters, and whether they are on the brand's VIP list. */
export interface AuthorWeight {
  readonly authorWeight: number;
  readonly vip: boolean;
}

/** Normalises a handle for VIP look-up: case-insensitive, without "@", "u/" or surrounding spaces. */
export function normaliseHandle(handle: string): string {
  return handle
    .trim()
    .toLowerCase()
    .replace(/^@+/, '')
    .replace(/^\/?u\//, '');
}

/** Reach from the source: followers, else a karma-like metadata number (Reddit). */
function reachOf(
  author: Author,
  metadata: Readonly<Record<string, unknown>>,
): { readonly value: number; readonly karma: boolean } {
  if (author.followers !== undefined) return { value: author.followers, karma: false };
  for (const key of ['karma', 'authorKarma', 'author_karma', 'linkKarma', 'commentKarma']) {
    const v = metadata[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { value: v, karma: true };
  }
  return { value: 0, karma: false };
}

/**
 * Log-scaled weight: 1 up to 1k followers, then +1 per tenfold (10k → 2, 100k → 3, 1M → 4); karma counts half
 * as much per tenfold; verified x1.5; VIP at least 5; capped at 10.
 */
export function weighAuthor(
  author: Author,
  metadata: Readonly<Record<string, unknown>>,
  vipHandles: ReadonlySet<string>,
): AuthorWeight {
  const reach = reachOf(author, metadata);
  const decades = reach.value > 1000 ? Math.log10(reach.value) - 3 : 0;
  let weight = BASE_WEIGHT + decades * (reach.karma ? 0.5 : 1);
  if (author.verified === true) weight *= VERIFIED_FACTOR;
  const vip = vipHandles.has(normaliseHandle(author.handle));
  if (vip) weight = Math.max(weight, VIP_MIN_WEIGHT);
  return { authorWeight: Math.round(Math.min(weight, MAX_WEIGHT) * 100) / 100, vip };
}

/** Builds the VIP set from an imported list (handles in any case, with or without "@"). */
export function vipSet(handles: Iterable<string> | undefined): ReadonlySet<string> {
  const set = new Set<string>();
  for (const h of handles ?? []) {
    const n = normaliseHandle(h);
    if (n.length > 0) set.add(n);
  }
  return set;
}
