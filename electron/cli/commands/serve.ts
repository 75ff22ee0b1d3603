import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootHub, BootError, createLogger } from '../../core';
import { startHeadlessServer } from '../../headless/server';
import { AccessTokenError, loadOrCreateAccessToken } from '../../headless/access-token';
import { checkBind } from '../../headless/bind-policy';

export const SERVE_HELP = `Usage: earshot serve [options]

Starts the hub and serves the wall over HTTP + WebSocket.

Options:
  --port N          port to listen on (default 4870; 0 picks a free port)
  --host H          address to bind (default 127.0.0.1, loopback only; any other address needs
                    "server": { "publicHosts": [...] } in the config file)
  --config FILE     JSON config file (sources, watchlists, retention...)
  --data-dir DIR    where the database lives (default: EARSHOT_DATA_DIR or the OS app-data folder)
  --demo            add the built-in simulator source (no API keys needed)
  --speed N         hub clock speed for demos: 60 = one hour per minute
  --static-dir DIR  the built renderer (default: dist/renderer beside the hub bundle)
  -h, --help        show this help

The wall URL printed at start carries the hub's access token (kept in DATA_DIR/access-token): opening it signs
the browser in. Programs send "Authorization: Bearer <token>". GET /api/status needs no token.
People added with "earshot users add" sign in at /login with their password, or send their personal token
("earshot users token NAME"); each acts in their own role.
`;

/** `earshot serve`: the headless host. Resolves when the hub has stopped (SIGINT/SIGTERM). */
export async function runServe(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      speed: { type: 'string' },
      'static-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0))
    throw new BootError(`--speed must be a positive number, got "${values.speed}".`);
  const logger = createLogger();
  const hub = await bootHub({
    ...(values.config ? { configPath: values.config } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values.demo ? { demo: true } : {}),
    ...(speed !== undefined ? { speed } : {}),
    logger,
  });
  const port = values.port === undefined ? hub.config.server.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new BootError(`--port must be 0-65535, got "${values.port}".`);
  const staticDir = values['static-dir'] ?? fileURLToPath(new URL('../renderer/', import.meta.url));
  const host = values.host ?? hub.config.server.host;
  const { publicHosts } = hub.config.server;
  const accessToken = await prepareAccess(host, publicHosts, hub.dataDir).catch(async (error: unknown) => {
    await hub.stop();
    throw error;
  });
  const server = await startHeadlessServer({
    core: hub.core,
    host,
    port,
    staticDir,
    logger,
    ingest: hub.ingest,
    accessToken,
    publicHosts,
    users: hub.users,
  }).catch(async (error: unknown) => {
    await hub.stop();
    throw new BootError(`Cannot listen on port ${port}: ${(error as Error).message}`);
  });
  process.stdout.write(`Earshot wall: ${server.wallUrl}\n`);
  process.stdout.write(`Status:       ${server.url}api/status\n`);
  process.stdout.write(`Data:         ${hub.dataDir}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (): void => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await server.close();
  await hub.stop();
  return 0;
}

/** Refuses a bind beyond loopback without `server.publicHosts`, then loads (or creates) the access token. */
async function prepareAccess(host: string, publicHosts: ReadonlyArray<string>, dataDir: string): Promise<string> {
  const bound = checkBind({ bindHost: host, publicHosts });
  if (!bound.ok) throw new BootError(bound.error.message);
  try {
    return await loadOrCreateAccessToken(dataDir);
  } catch (error) {
    if (error instanceof AccessTokenError) throw new BootError(error.message);
    throw error;
  }
}
