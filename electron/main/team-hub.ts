import { isIP } from 'node:net';
import { z } from 'zod';
import { appError, err, ok, type Result } from '../../shared/result';

/** A personal API token as `earshot users token NAME` prints it: `eat_` and 32 random bytes (base64url). */
const TOKEN_SHAPE = /^eat_[A-Za-z0-9_-]{43}$/;
/** How long verifying a hub may take before it counts as unreachable. */
export const VERIFY_TIMEOUT_MS = 10_000;

/** Whether `host` (a URL's hostname) is this machine: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * The origin (`https://hub.example.com`) of the hub URL someone typed in Settings: https, or http on this
 * machine only (a token sent in clear text over a network is a token given away); no user:password, query or
 * fragment. An error says what to change.
 */
export function hubOrigin(input: string): Result<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return err(appError('invalid-url', 'Enter the hub’s address, like https://earshot.example.com.'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(appError('invalid-url', 'The hub’s address starts with https://.'));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return err(
      appError(
        'not-https',
        'A team hub beyond this computer must be reached over https:// (put it behind a TLS reverse proxy; see ' +
          'README "Exposing a hub beyond this machine"): the token would otherwise cross the network in clear text.',
      ),
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return err(appError('invalid-url', 'Enter only the hub’s address: no name, password, query or #fragment.'));
  }
  if (url.pathname !== '/') return err(appError('invalid-url', 'Enter the hub’s address without a path.'));
  return ok(url.origin);
}

/** Why a personal token cannot be one (null: it has the right shape). Never echoes the token. */
export function tokenProblem(token: string): string | null {
  return TOKEN_SHAPE.test(token.trim())
    ? null
    : 'A personal token starts with eat_ and is 47 characters long: ask an admin to run `earshot users token NAME`.';
}

/** The little of `fetch` verification uses (injected in tests; the main process passes Node's fetch). */
export type HubFetch = (
  url: string,
  init: { readonly headers: Record<string, string>; readonly signal: AbortSignal; readonly redirect: 'manual' },
) => Promise<{ readonly status: number; json(): Promise<unknown> }>;

const StatusSchema = z.object({ mode: z.string() }).passthrough();
const SessionSchema = z.object({
  authenticated: z.literal(true),
  user: z.object({ name: z.string(), role: z.string() }).optional(),
});

/** Who the token signs in as, once the hub accepted it. */
export interface VerifiedHub {
  readonly origin: string;
  readonly user: { readonly name: string; readonly role: string } | null;
}

/**
 * Checks that `origin` is an Earshot hub that accepts `token`: `GET /api/status` (the hub answers, and is one)
 * then `GET /api/session` (the token signs in). Each error is one a person can act on: unreachable, not a hub,
 * token refused. The token goes only in the Authorization header and never into a message.
 */
export async function verifyTeamHub(
  origin: string,
  token: string,
  fetchFn: HubFetch,
  timeoutMs = VERIFY_TIMEOUT_MS,
): Promise<Result<VerifiedHub>> {
  const problem = tokenProblem(token);
  if (problem !== null) return err(appError('bad-token', problem));
  const headers = { authorization: `Bearer ${token.trim()}`, accept: 'application/json' };
  const get = async (path: string) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await fetchFn(`${origin}${path}`, { headers, signal, redirect: 'manual' });
    return { status: res.status, body: res.status === 200 ? await res.json().catch(() => null) : null };
  };
  try {
    const status = await get('/api/status');
    if (status.status !== 200 || !StatusSchema.safeParse(status.body).success) {
      return err(appError('not-a-hub', `${origin} answered, but not as an Earshot hub (HTTP ${status.status}).`));
    }
    const session = await get('/api/session');
    if (session.status === 401 || session.status === 403) {
      return err(
        appError(
          'refused',
          `${origin} refused this token: it may be revoked, or belong to another hub. Ask for a new one.`,
        ),
      );
    }
    const parsed = SessionSchema.safeParse(session.body);
    if (session.status !== 200 || !parsed.success) {
      return err(appError('not-a-hub', `${origin} did not confirm the sign-in (HTTP ${session.status}).`));
    }
    return ok({ origin, user: parsed.data.user ?? null });
  } catch (error) {
    return err(appError('unreachable', `Cannot reach ${origin}: ${reachProblem(error)}`));
  }
}

/** A fetch failure in words (its cause's code when Node gives one: ECONNREFUSED, ENOTFOUND, a TLS error…). */
function reachProblem(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'no answer in time.';
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `${cause.code}.`;
  if (typeof cause?.message === 'string') return `${cause.message.slice(0, 200)}.`;
  return error instanceof Error ? `${error.message.slice(0, 200)}.` : 'unknown error.';
}
