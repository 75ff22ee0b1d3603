/** What the wall shows when the hub refuses it because the page was opened without the token link. */
export const NOT_SIGNED_IN =
  'Not signed in to this hub: sign in at /login, or open the wall URL that `earshot serve` printed (it carries the access token).';

/** The little of `fetch` the probe uses. */
export type ProbeFetch = (
  url: string,
  init: { credentials: 'same-origin'; cache: 'no-store' },
) => Promise<{
  readonly status: number;
}>;

/**
 * Why a WebSocket that never opened was refused: a browser hides the upgrade's status, so this asks the hub's
 * `GET /api/session`. NOT_SIGNED_IN for a 401; null when signed in or the hub is unreachable.
 */
export async function explainRefusal(fetchFn: ProbeFetch): Promise<string | null> {
  try {
    const res = await fetchFn('/api/session', { credentials: 'same-origin', cache: 'no-store' });
    return res.status === 401 ? NOT_SIGNED_IN : null;
  } catch {
    return null;
  }
}
