import type { IncomingMessage } from 'node:http';
import { parsePublicHost, type HostPolicy, type PublicHost } from './bind-policy';

export { isLoopbackBind } from './bind-policy';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

const isLoopbackName = (name: string): boolean => LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name);

/** The configured public host the Host header names, if any. */
function matchPublicHost(host: string, policy: HostPolicy, port: number): PublicHost | undefined {
  return policy.publicHosts
    .map(parsePublicHost)
    .find((entry) => host === entry.host || (!entry.hasPort && host === `${entry.host}:${port}`));
}

/**
 * DNS-rebinding guard: the Host header must be a loopback name on the hub's port, or one of `server.publicHosts`
 * (required for binds beyond loopback, see checkBind).
 */
export function isAllowedHost(req: IncomingMessage, policy: HostPolicy, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  if (!host || /[/?#@\\\s]/.test(host)) return false;
  const name = host.endsWith(`:${port}`) ? host.slice(0, -`:${port}`.length) : host;
  return isLoopbackName(name) || matchPublicHost(host, policy, port) !== undefined;
}

/**
 * Cross-site request guard: a browser's Origin must be this hub's own origin, scheme, host and port alike
 * (`http://` + the Host header, or `https://` + it for a public host written `https://…`). Without an Origin the
 * request is not from a browser page, and the caller's credentials decide.
 */
export function isSameOrigin(req: IncomingMessage, policy: HostPolicy, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host?.toLowerCase();
  if (!host || /[/?#@\\\s]/.test(host)) return false;
  const schemes = matchPublicHost(host, policy, port)?.https ? ['http', 'https'] : ['http'];
  try {
    const given = new URL(origin).origin;
    return schemes.some((scheme) => new URL(`${scheme}://${host}`).origin === given);
  } catch {
    return false;
  }
}
