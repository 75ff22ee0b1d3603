import { AtpAgent } from '@atproto/api';
import type { CredentialVault } from '../../runtime/credentials';
import { isSessionError } from './bluesky-errors';

/** Per-operation scope: every request the agent makes obeys this signal and a per-request timeout. */
export interface RequestScope {
  signal: AbortSignal;
  /** Set when a request hit our timeout (so the error reads "timed out", not "aborted"). */
  timedOut: boolean;
}

/** A fetch that adds the current scope's signal and a timeout to every request the agent makes. */
function scopedFetch(base: typeof fetch, scope: RequestScope, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await base(new Request(req, { signal: AbortSignal.any([req.signal, scope.signal, timeout]) }));
    } catch (error) {
      if (timeout.aborted) scope.timedOut = true;
      throw error;
    }
  };
}

/** Thrown (and caught by the connector) when no identifier/app password is stored. */
export class MissingCredentialsError extends Error {}

/**
 * One logged-in Bluesky session, kept across polls. @atproto/api refreshes the access token itself on
 * ExpiredToken; when the refresh token is dead too, `run` logs in again once with the app password.
 */
export class BlueskySession {
  readonly scope: RequestScope = { signal: new AbortController().signal, timedOut: false };
  private readonly agent: AtpAgent;

  constructor(
    service: string,
    fetchFn: typeof fetch,
    timeoutMs: number,
    private readonly sourceId: string,
    private readonly vault: CredentialVault,
  ) {
    this.agent = new AtpAgent({ service, fetch: scopedFetch(fetchFn, this.scope, timeoutMs) });
  }

  /** Runs `fn` with a session under `signal`, re-logging in once if the session turns out dead. */
  async run<T>(signal: AbortSignal, fn: (agent: AtpAgent) => Promise<T>): Promise<T> {
    this.scope.signal = signal;
    this.scope.timedOut = false;
    if (!this.agent.hasSession) await this.login();
    try {
      return await fn(this.agent);
    } catch (error) {
      if (!isSessionError(error)) throw error;
      await this.login();
      return fn(this.agent);
    }
  }

  private async login(): Promise<void> {
    const creds = await this.vault.get(this.sourceId);
    const identifier = creds?.identifier;
    const password = creds?.appPassword;
    if (!identifier || !password)
      throw new MissingCredentialsError('Bluesky: set "identifier" and "appPassword" for this source.');
    await this.agent.login({ identifier, password });
  }
}
