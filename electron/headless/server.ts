import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Core, type Logger } from '../core';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { createWsBridge } from './ws-bridge';
import { isAllowedHost, isSameOrigin } from './request-guards';
import { createAuthGate, type AuthGate } from './auth';
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
  const auth = createAuthGate({ token: accessToken, policy });
  const bridge = createWsBridge(options.core, log);
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
    if (!auth.isAuthorized(req)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="earshot"\r\n\r\n');
      return;
    }
    bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
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
  if (auth.handle(req, res, path)) return;
  if (path === '/api/status' && req.method === 'GET') {
    sendJson(res, 200, await options.core.api.status());
    return;
  }
  const exportMatch = /^\/api\/incidents\/([A-Za-z0-9_-]{1,100})\.json$/.exec(path);
  if (exportMatch?.[1] && req.method === 'GET') {
    await sendIncidentExport(options.core, exportMatch[1], res);
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

/** GET /api/incidents/{id}.json: the incident with its evidence card, for post-mortems and tickets. */
async function sendIncidentExport(core: Core, id: string, res: ServerResponse): Promise<void> {
  const exported = await core.api.invoke('incident:export', { id });
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
