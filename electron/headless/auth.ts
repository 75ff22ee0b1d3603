import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal, UserDirectory } from '../core';
import type { HostPolicy } from './bind-policy';
import { isSameOrigin } from './request-guards';
import { issueSession, SESSION_MAX_AGE_MS, tokenMatches, verifySession } from './session';
import { handleLogin, handleLogout, sendLoginPage, userCookieName } from './user-auth';

/** Options for the control plane's authentication. */
export interface AuthOptions {
  /** The hub's access token (DATA_DIR/access-token). */
  readonly token: string;
  readonly policy: HostPolicy;
  /** Wall-clock time for session ages (never the hub's possibly sped-up clock). */
  readonly now?: () => number;
  /** The people who may sign in with a password or a personal token (team mode). */
  readonly users?: UserDirectory;
}

/** Who is calling: the hub's owner (the access token or its session) or a signed-in user. */
export type Caller = { readonly kind: 'owner' } | { readonly kind: 'user'; readonly principal: Principal };

/** Decides who may use the control plane: a session cookie or `Authorization: Bearer <token>`. */
export interface AuthGate {
  /**
   * Who the request is: the access token (Bearer) or the owner's session cookie, a personal token (Bearer
   * `eat_…`) or a user's sign-in cookie; null when none is valid.
   */
  authenticate(req: IncomingMessage): Promise<Caller | null>;
  /**
   * Answers what authentication owns — the token link (`/?token=` → cookie + redirect), `GET /login`,
   * `POST /api/login`, `POST /api/logout`, `GET /api/session`, and the refusal of unauthenticated or cross-origin
   * `/api/*` calls. True when it sent the response.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

/** The session cookie's name; it carries the port because cookies are shared by every port of a host. */
export const sessionCookieName = (port: number): string => `earshot_session_${port}`;

const NOT_SIGNED_IN =
  'Not signed in: open the wall URL that `earshot serve` printed (it carries the access token), ' +
  'or send Authorization: Bearer <access token>.';

/** Routes anyone may call: monitoring (status, health), and the ingest webhook (which checks its own token). */
const isPublicApi = (method: string, path: string): boolean =>
  (method === 'GET' && (path === '/api/status' || path === '/api/health')) ||
  (method === 'POST' && /^\/api\/ingest\/[^/]+$/.test(path));

const localPort = (req: IncomingMessage): number => req.socket.localPort ?? 0;

/** Reads one cookie's values (a name may repeat) from the Cookie header. */
export function readCookies(header: string | undefined, name: string): ReadonlyArray<string> {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

/** Builds the gate for one hub. */
export function createAuthGate(options: AuthOptions): AuthGate {
  const now = options.now ?? Date.now;
  const { users } = options;
  const authenticate = async (req: IncomingMessage): Promise<Caller | null> => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      if (tokenMatches(options.token, bearer)) return OWNER;
      return asUser(users === undefined ? null : await users.authenticate(bearer));
    }
    const port = localPort(req);
    if (readCookies(req.headers.cookie, sessionCookieName(port)).some((v) => verifySession(options.token, v, now()))) {
      return OWNER;
    }
    const signIn = readCookies(req.headers.cookie, userCookieName(port))[0];
    return signIn === undefined || users === undefined ? null : asUser(await users.authenticate(signIn));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const given = url.searchParams.get('token');
    if (given !== null && !path.startsWith('/api/') && (method === 'GET' || method === 'HEAD')) {
      exchangeToken(options.token, given, url, now(), req, res);
      return true;
    }
    if (path === '/login' && method === 'GET' && users !== undefined) {
      sendLoginPage(res);
      return true;
    }
    if (!path.startsWith('/api/') || isPublicApi(method, path)) return false; // the wall's files hold no data
    if (!isSameOrigin(req, options.policy, localPort(req))) {
      sendJson(res, 403, { error: 'Cross-origin requests are refused.' });
      return true;
    }
    if (path === '/api/login' && method === 'POST' && users !== undefined) {
      await handleLogin(users, req, res);
      return true;
    }
    const caller = await authenticate(req);
    if (caller === null) {
      res.setHeader('www-authenticate', 'Bearer realm="earshot"');
      sendJson(res, 401, { error: users === undefined ? NOT_SIGNED_IN : `${NOT_SIGNED_IN} Or sign in at /login.` });
      return true;
    }
    if (path === '/api/logout' && method === 'POST' && users !== undefined) {
      await handleLogout(users, readCookies(req.headers.cookie, userCookieName(localPort(req)))[0], req, res);
      return true;
    }
    if (path === '/api/session' && method === 'GET') {
      sendJson(res, 200, { authenticated: true, ...describeCaller(caller) });
      return true;
    }
    return false;
  };
  return { authenticate, handle };
}

const OWNER: Caller = { kind: 'owner' };
const asUser = (principal: Principal | null): Caller | null =>
  principal === null ? null : { kind: 'user', principal };
const describeCaller = (caller: Caller) =>
  caller.kind === 'owner'
    ? { owner: true }
    : { user: { name: caller.principal.user.name, role: caller.principal.user.role } };

/** `GET /…?token=`: a right token becomes a session cookie and a redirect to the same page without the token. */
function exchangeToken(
  token: string,
  given: string,
  url: URL,
  now: number,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!tokenMatches(token, given)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      'This link carries a wrong or old access token. Open the wall URL that `earshot serve` printed ' +
        '(the token is kept in the data folder, in the file access-token).\n',
    );
    return;
  }
  url.searchParams.delete('token');
  const path = url.pathname.startsWith('//') ? '/' : url.pathname; // never a protocol-relative redirect
  const cookie =
    `${sessionCookieName(localPort(req))}=${issueSession(token, now)}; HttpOnly; SameSite=Strict; Path=/; ` +
    `Max-Age=${Math.floor(SESSION_MAX_AGE_MS / 1000)}`;
  res.writeHead(302, { location: `${path}${url.search}`, 'set-cookie': cookie, 'cache-control': 'no-store' });
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
