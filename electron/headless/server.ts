import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../../shared/workflow';
import { actorOf, type Core, type Logger, type UserDirectory } from '../core';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { createWsBridge, type ConnectionSession, type WsBridgeOptions } from './ws-bridge';
import { isAllowedHost, isSameOrigin } from './request-guards';
import { createAuthGate, type AuthGate, type Caller } from './auth';
import { newAccessToken } from './access-token';
import { checkBind, wallBaseUrl, type HostPolicy } from './bind-policy';
import { handleIngestHttp, type IngestRoute } from './ingest-http';

export interface HeadlessServerOptions {
  readonly core: Core;
  readonly host: string;
  readonly port: number;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly logger: Logger;
  readonly ingest?: IngestRoute;
  /**
   * The access token (DATA_DIR/access-token) every command and `/api/*` route but status and ingest needs;
   * default: a fresh random one, known only through `wallUrl`.
   */
  readonly accessToken?: string;
  /** `server.publicHosts`: the names browsers may use; required to bind beyond loopback. */
  readonly publicHosts?: ReadonlyArray<string>;
  /** People who may sign in with a password (`/login`) or a personal token, each acting in their own role. */
  readonly users?: UserDirectory;
  /** WebSocket limits and the monotonic clock they run on (tests). */
  readonly ws?: WsBridgeOptions;
}

/** A running headless host. */
export interface HeadlessServer {
  readonly url: string;
  /** `url` with the access token: opening it signs the browser in (printed once by `earshot serve`). */
  readonly wallUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the wall and the contract (HTTP + WebSocket) for one core. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.logger.child({ module: 'headless' });
  const policy: HostPolicy = { bindHost: options.host, publicHosts: options.publicHosts ?? [] };
  const bound = checkBind(policy);
  if (!bound.ok) throw new Error(bound.error.message);
  const accessToken = options.accessToken ?? newAccessToken();
  const auth = createAuthGate({ token: accessToken, policy, ...(options.users ? { users: options.users } : {}) });
  const bridge = createWsBridge(options.core, log, options.ws);
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    route(options, policy, auth, req, res).catch((error: unknown) => {
      log.error({ err: error, path: req.url?.split('?')[0] }, 'request failed'); // the query may hold the token
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
    const port = (server.address() as AddressInfo).port;
    if (req.url !== '/ws' || !isAllowedHost(req, policy, port) || !isSameOrigin(req, policy, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    void auth.authenticate(req).then(
      (caller) => {
        if (caller === null) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="earshot"\r\n\r\n');
          return;
        }
        const session = connectionSession(options.core, auth, caller, req);
        bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req, session));
      },
      (error: unknown) => {
        log.error({ err: error }, 'authentication failed');
        socket.end('HTTP/1.1 500 Internal Server Error\r\n\r\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = wallBaseUrl(policy, port);
  return {
    url,
    wallUrl: `${url}?token=${accessToken}`,
    port,
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function route(
  options: HeadlessServerOptions,
  policy: HostPolicy,
  auth: AuthGate,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const port = (req.socket.address() as AddressInfo).port;
  if (!isAllowedHost(req, policy, port)) {
    sendJson(res, 421, { error: 'Unexpected Host header.' });
    return;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (await auth.handle(req, res, path)) return;
  if (path === '/api/status' && req.method === 'GET') {
    // Anyone may monitor the hub; its place in the team (leases, peers' host names) only a signed-in caller sees.
    const { hub, ...status } = await options.core.api.status();
    const signedIn = hub !== undefined && (await auth.authenticate(req)) !== null;
    sendJson(res, 200, signedIn ? { ...status, hub } : status);
    return;
  }
  if (path === '/api/health' && req.method === 'GET') {
    // For load balancers and systemd: up, and its database answers. Nothing else, so it may stay public.
    const db = await options.core.api.status().then(
      (s) => s.hub?.database.reachable ?? true,
      () => false,
    );
    sendJson(res, db ? 200 : 503, { ok: db, db });
    return;
  }
  const exportMatch = /^\/api\/incidents\/([A-Za-z0-9_-]{1,100})\.json$/.exec(path);
  if (exportMatch?.[1] && req.method === 'GET') {
    const caller = await auth.authenticate(req);
    if (caller === null) {
      sendJson(res, 401, { error: 'Signed out.' }); // revoked between handle() and here
      return;
    }
    await sendIncidentExport(
      options.core,
      exportMatch[1],
      connectionSession(options.core, auth, caller, req).actor,
      res,
    );
    return;
  }
  const ingestMatch = /^\/api\/ingest\/([A-Za-z0-9_.-]{1,100})$/.exec(path);
  if (ingestMatch?.[1] && req.method === 'POST' && options.ingest) {
    await handleIngestHttp(options.ingest, ingestMatch[1], req, res);
    return;
  }
  if (path.startsWith('/api/')) {
    sendJson(res, 404, { error: `No such endpoint: ${req.method ?? 'GET'} ${path}` });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'Method not allowed.' });
    return;
  }
  await serveStatic(options.staticDir, path, res);
}

/**
 * Who a new WebSocket connection acts as: the owner is the hub's local user; a signed-in user is themselves, and
 * their credential is checked again as they go, so a revoked session or a disabled user stops at once.
 */
function connectionSession(core: Core, auth: AuthGate, caller: Caller, req: IncomingMessage): ConnectionSession {
  const desk = `web ${req.socket.remoteAddress ?? 'unknown'}`;
  if (caller.kind === 'owner') return { actor: core.api.sessionActor(desk) };
  return {
    actor: actorOf(caller.principal, desk),
    stillValid: async () => (await auth.authenticate(req))?.kind === 'user',
  };
}

/** GET /api/incidents/{id}.json: the incident with its evidence card, for post-mortems and tickets. */
async function sendIncidentExport(core: Core, id: string, actor: Actor, res: ServerResponse): Promise<void> {
  const exported = await core.api.invoke('incident:export', { id }, actor);
  if (!exported.ok) {
    sendJson(res, 404, { error: `No incident "${id}".` });
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${exported.value.filename}"`,
    'cache-control': 'no-store',
  });
  res.end(exported.value.content);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
