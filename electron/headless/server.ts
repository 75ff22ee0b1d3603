import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/core-types';
import { exportIncident } from '../core/incidents';
import type { Incident } from '../../shared/incident';
import type { Logger } from '../core/runtime/logger';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { createWsBridge } from './ws-bridge';
import { isAllowedHost, isSameOrigin } from './request-guards';
import { handleIngestHttp, type IngestRoute } from './ingest-http';

export interface HeadlessServerOptions {
  readonly core: Core;
  readonly host: string;
  readonly port: number;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly logger: Logger;
  readonly ingest?: IngestRoute;
}

/** A running headless host. */
export interface HeadlessServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the wall and the contract (HTTP + WebSocket) for one core. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.logger.child({ module: 'headless' });
  const bridge = createWsBridge(options.core, log);
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    route(options, req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
    const port = (server.address() as AddressInfo).port;
    if (req.url !== '/ws' || !isAllowedHost(req, options.host, port) || !isSameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function route(options: HeadlessServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const port = (req.socket.address() as AddressInfo).port;
  if (!isAllowedHost(req, options.host, port)) {
    sendJson(res, 421, { error: 'Unexpected Host header.' });
    return;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
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
  const listed = await core.api.invoke('incidents:list', {});
  const incident = listed.ok ? (listed.value as Incident[]).find((i) => i.id === id) : undefined;
  if (!incident) {
    sendJson(res, 404, { error: `No incident "${id}".` });
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="earshot-${id}.json"`,
    'cache-control': 'no-store',
  });
  res.end(exportIncident(incident));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
