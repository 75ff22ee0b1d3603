import { fileURLToPath } from 'node:url';
import { BootError, createLogger, type Hub } from '../core';
import { loadOrCreateAccessToken } from '../headless/access-token';
import { startHeadlessServer } from '../headless/server';

/** `replay --serve`: the wall over HTTP + WebSocket for the replaying hub, signed in like `earshot serve`. */
export async function serveWall(
  hub: Hub,
  port: number | undefined,
): Promise<{ url: string; wallUrl: string; close(): Promise<void> }> {
  const chosen = port ?? hub.config.server.port;
  const staticDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  const accessToken = await loadOrCreateAccessToken(hub.dataDir);
  return startHeadlessServer({
    accessToken,
    publicHosts: hub.config.server.publicHosts,
    core: hub.core,
    host: hub.config.server.host,
    port: chosen,
    staticDir,
    logger: createLogger('warn'),
    ingest: hub.ingest,
  }).catch(async (error: unknown) => {
    await hub.stop();
    throw new BootError(`Cannot listen on port ${chosen}: ${(error as Error).message}`);
  });
}

/** Resolves on SIGINT or SIGTERM: `replay --serve` keeps serving the replayed period until then. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
