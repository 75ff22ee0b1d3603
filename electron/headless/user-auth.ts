import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { SESSION_TTL_MS, type LoginOutcome, type UserDirectory } from '../core';
import { isJsonType, readBody } from './ingest-http';

/** The sign-in cookie's name (per port, like the owner's session cookie). */
export const userCookieName = (port: number): string => `earshot_user_${port}`;

const LoginSchema = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();
const MAX_LOGIN_BYTES = 8 * 1024;
const WRONG = 'Wrong name or password.';

/** The sign-in page: a plain form, no script (its own CSP allows nothing but posting to this hub). */
const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Earshot</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Earshot</h1><form method="post" action="/api/login">
<p><label>Name <input name="name" autocomplete="username" required maxlength="64" autofocus></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>
`;
const LOGIN_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** GET /login: the sign-in form. */
export function sendLoginPage(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': LOGIN_CSP,
    'cache-control': 'no-store',
  });
  res.end(LOGIN_PAGE);
}

/** Reads `{name, password}` from a JSON or form body; null when it is neither, too big or malformed. */
async function readCredentials(req: IncomingMessage): Promise<z.infer<typeof LoginSchema> | null> {
  const text = await readBody(req, MAX_LOGIN_BYTES);
  if (text === null) return null;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  let raw: unknown;
  try {
    raw = isJsonType(type) ? JSON.parse(text) : type === 'application/x-www-form-urlencoded' ? formFields(text) : null;
  } catch {
    return null;
  }
  const parsed = LoginSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const formFields = (text: string): Record<string, string> => Object.fromEntries(new URLSearchParams(text));

/**
 * POST /api/login: a right name and password set the sign-in cookie (HttpOnly, SameSite=Strict) and answer
 * `{ user }` (a form post is redirected to the wall); a wrong one answers 401 with one message whatever was
 * wrong; too many wrong tries answer 429 with Retry-After.
 */
export async function handleLogin(users: UserDirectory, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const credentials = await readCredentials(req);
  if (credentials === null) {
    sendJson(res, 400, { error: 'Send {"name": …, "password": …} as JSON or a form.' });
    return;
  }
  const address = clientAddress(req);
  const outcome = await users.login(credentials.name, credentials.password, address, `web ${address}`);
  answerLogin(outcome, req, res);
}

const LOOPBACK_PEER = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The address a sign-in came from, as the login throttle counts it. A peer on loopback with X-Forwarded-For is
 * the reverse proxy in front of the hub (README "Exposing a hub beyond this machine"): the client is the
 * rightmost address it added (entries further left are whatever the client sent). Without this, every client
 * behind the proxy would share one address, and five wrong tries by anyone would make everyone wait. From any
 * other peer the header is ignored: only a proxy on this machine is trusted to tell.
 */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  if (!LOOPBACK_PEER.test(peer) || forwarded === undefined) return peer;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',').at(-1)?.trim() ?? '';
  return /^[0-9a-f.:]{2,45}$/i.test(last) ? last.toLowerCase() : peer;
}

function answerLogin(outcome: LoginOutcome, req: IncomingMessage, res: ServerResponse): void {
  if (!outcome.ok && outcome.reason === 'throttled') {
    res.setHeader('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
    sendJson(res, 429, { error: 'Too many wrong tries: wait before trying again.' });
    return;
  }
  if (!outcome.ok) {
    sendJson(res, 401, { error: WRONG });
    return;
  }
  const cookie =
    `${userCookieName(req.socket.localPort ?? 0)}=${outcome.secret}; HttpOnly; SameSite=Strict; Path=/; ` +
    `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`;
  res.setHeader('set-cookie', cookie);
  if (!isJsonType(req.headers['content-type'])) {
    res.writeHead(303, { location: '/', 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const { name, displayName, role } = outcome.user;
  sendJson(res, 200, { user: { name, displayName, role }, expiresAt: outcome.expiresAt });
}

/** POST /api/logout: ends the caller's session and clears its cookie. */
export async function handleLogout(
  users: UserDirectory,
  secret: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (secret !== undefined) await users.logout(secret);
  res.setHeader(
    'set-cookie',
    `${userCookieName(req.socket.localPort ?? 0)}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
  );
  sendJson(res, 200, { signedOut: true });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
