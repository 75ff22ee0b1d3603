import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when the host the hub is bound to is loopback-only. */
export const isLoopbackBind = (host: string): boolean =>
  host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * DNS-rebinding guard: a hub bound to loopback only answers requests addressed to a loopback name.
 * A hub bound to a LAN address (team walls) accepts any Host; its protection is auth (team mode).
 */
export function isAllowedHost(req: IncomingMessage, bindHost: string, port: number): boolean {
  if (!isLoopbackBind(bindHost)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const name = host.endsWith(`:${port}`) ? host.slice(0, -`:${port}`.length) : host;
  return LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Cross-site WebSocket hijacking guard: a browser's Origin must be this hub's own origin. */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: CLI tools, monitoring
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
