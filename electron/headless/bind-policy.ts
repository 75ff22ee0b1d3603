import { appError, err, ok, type Result } from '../../shared/result';

/** Where the hub listens and under which names browsers may reach it. */
export interface HostPolicy {
  /** The address the hub binds (`--host` / `server.host`). */
  readonly bindHost: string;
  /** `server.publicHosts`: `name`, `name:port`, or `https://name[:port]` for a TLS proxy in front of the hub. */
  readonly publicHosts: ReadonlyArray<string>;
}

/** One `server.publicHosts` entry, as the Host header carries it (lower-case, port only if written). */
export interface PublicHost {
  readonly host: string;
  readonly hasPort: boolean;
  /** Written as `https://…`: a TLS-terminating proxy serves the wall, so the browser's Origin is https. */
  readonly https: boolean;
}

const WILDCARD_BINDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** True when the host the hub is bound to is loopback-only. */
export const isLoopbackBind = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Parses a `server.publicHosts` entry (the config schema checked its shape). */
export function parsePublicHost(entry: string): PublicHost {
  const lower = entry.trim().toLowerCase();
  const https = lower.startsWith('https://');
  const host = lower.replace(/^https?:\/\//, '');
  return { host, hasPort: /:\d+$/.test(host), https };
}

/**
 * A hub bound beyond loopback can be reached from the network, where the Host header is the only defence against
 * DNS rebinding: it refuses to start unless the names browsers will use are listed in `server.publicHosts`.
 */
export function checkBind(policy: HostPolicy): Result<void> {
  if (isLoopbackBind(policy.bindHost)) return ok(undefined);
  if (policy.publicHosts.length > 0) return ok(undefined);
  const shown = policy.bindHost === '' ? '(all interfaces)' : policy.bindHost;
  return err(
    appError(
      'public-hosts-required',
      `Binding to ${shown} makes the hub reachable beyond this machine, so it needs the host names browsers will ` +
        `use: add "server": { "publicHosts": ["wall.example.lan", "192.168.1.20:4870"] } to the config file ` +
        `(--config FILE), or bind to 127.0.0.1.`,
    ),
  );
}

/** The base URL to print for the wall: loopback for loopback and wildcard binds, else the first public host. */
export function wallBaseUrl(policy: HostPolicy, port: number): string {
  const first = policy.publicHosts[0];
  if (isLoopbackBind(policy.bindHost) || WILDCARD_BINDS.has(policy.bindHost) || first === undefined) {
    const host = isLoopbackBind(policy.bindHost) ? policy.bindHost : '127.0.0.1';
    const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return `http://${shown}:${port}/`;
  }
  const entry = parsePublicHost(first);
  if (entry.https) return `https://${entry.host}/`;
  return `http://${entry.hasPort ? entry.host : `${entry.host}:${port}`}/`;
}
