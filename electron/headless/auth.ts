import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostPolicy } from './bind-policy';
import { isSameOrigin } from './request-guards';
import { issueSession, SESSION_MAX_AGE_MS, tokenMatches, verifySession } from './session';

/** Options for the control plane's authentication. */
export interface AuthOptions {
  /** The hub's access token (DATA_DIR/access-token). */
  readonly token: string;
  readonly policy: HostPolicy;
  /** Wall-clock time for session ages (never the hub's possibly sped-up clock). */
  readonly now?: () => number;
}

/** Decides who may use the control plane: a session cookie or `Authorization: Bearer <token>`. */
export interface AuthGate {
  /** True when the request carries a valid session cookie or the access token as a Bearer token. */
  isAuthorized(req: IncomingMessage): boolean;
  /**
   * Answers what authentication owns — the token link (`/?token=` → cookie + redirect), `GET /api/session`, and
   * the refusal of unauthenticated or cross-origin `/api/*` calls. True when it sent the response.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

/** The session cookie's name; it carries the port because cookies are shared by every port of a host. */
export const sessionCookieName = (port: number): string => `earshot_session_${port}`;

const NOT_SIGNED_IN =
  'Not signed in: open the wall URL that `earshot serve` printed (it carries the access token), ' +
  'or send Authorization: Bearer <access token>.';

/** Routes anyone may call: monitoring, and the ingest webhook (which checks its own per-source token). */
const isPublicApi = (method: string, path: string): boolean =>
  (method === 'GET' && path === '/api/status') || (method === 'POST' && /^\/api\/ingest\/[^/]+$/.test(path));

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
  const isAuthorized = (req: IncomingMessage): boolean => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return tokenMatches(options.token, bearer);
    const cookies = readCookies(req.headers.cookie, sessionCookieName(localPort(req)));
    return cookies.some((value) => verifySession(options.token, value, now()));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const given = url.searchParams.get('token');
    if (given !== null && !path.startsWith('/api/') && (method === 'GET' || method === 'HEAD')) {
      exchangeToken(options.token, given, url, now(), req, res);
      return true;
    }
    if (!path.startsWith('/api/') || isPublicApi(method, path)) return false; // the wall's files hold no data
    if (!isSameOrigin(req, options.policy, localPort(req))) {
      sendJson(res, 403, { error: 'Cross-origin requests are refused.' });
      return true;
    }
    if (!isAuthorized(req)) {
      res.setHeader('www-authenticate', 'Bearer realm="earshot"');
      sendJson(res, 401, { error: NOT_SIGNED_IN });
      return true;
    }
    if (path === '/api/session' && method === 'GET') {
      sendJson(res, 200, { authenticated: true });
      return true;
    }
    return false;
  };
  return { isAuthorized, handle };
}

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
