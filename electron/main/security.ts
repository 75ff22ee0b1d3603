/**
 * Directives of the desktop app's Content-Security-Policy. 'self' is the app's own origin, app://earshot (see
 * app-protocol.ts); IPC needs no network, so nothing beyond it.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, ReadonlyArray<string>>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React and the charts set element styles; style attributes cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Response headers with our CSP, replacing any the response carried (header names are case-insensitive). */
export function withCsp(headers: Readonly<Record<string, string | string[]>> | undefined): Record<string, string[]> {
  const next: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    next[name] = Array.isArray(value) ? value : [value];
  }
  next['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return next;
}

/** Browser features the wall never uses, switched off for the page and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'payment=()',
  'display-capture=()',
  'screen-wake-lock=()',
  'xr-spatial-tracking=()',
].join(', ');

/** Sites a post or review may link to; their subdomains (www., old., mobile., uk.) are included. */
export const EXTERNAL_LINK_HOSTS: ReadonlyArray<string> = [
  'x.com',
  'twitter.com',
  'reddit.com',
  'apps.apple.com',
  'play.google.com',
  'trustpilot.com',
  'bsky.app',
];

const normalizeHost = (host: string): string => host.toLowerCase().replace(/\.$/, '');

/**
 * Whether a link may be handed to the OS browser: https only, no credentials or odd port, and a host that is
 * (a subdomain of) a known site or one of `extraHosts` (the configured Mastodon instances and feeds).
 */
export function isAllowedExternalUrl(url: string, extraHosts: ReadonlyArray<string> = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return false;
  }
  const host = normalizeHost(parsed.hostname);
  return [...EXTERNAL_LINK_HOSTS, ...extraHosts]
    .map(normalizeHost)
    .filter((allowed) => allowed.length > 0)
    .some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

const LINKED_SOURCE_TYPES = new Set(['mastodon', 'rss']);
const HOST_KEYS = new Set(['instance', 'host', 'server']);

function hostOf(key: string, value: string): string | null {
  const candidates = HOST_KEYS.has(key) && !value.includes('://') ? [`https://${value}`] : [value];
  for (const candidate of candidates) {
    try {
      const parsed = new URL(candidate);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return normalizeHost(parsed.hostname);
    } catch {
      // not a URL: not a host either
    }
  }
  return null;
}

/** The hosts of the configured Mastodon and RSS sources (their URL-valued fields), for the link allow-list. */
export function configuredLinkHosts(entries: ReadonlyArray<unknown>): string[] {
  const hosts = new Set<string>();
  const visit = (key: string, value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      const host = hostOf(key, value);
      if (host) hosts.add(host);
    } else if (Array.isArray(value) && depth < 2) {
      for (const item of value) visit(key, item, depth + 1);
    } else if (typeof value === 'object' && value !== null && depth < 2) {
      for (const [k, v] of Object.entries(value)) visit(k, v, depth + 1);
    }
  };
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const type = (entry as { type?: unknown }).type;
    if (typeof type === 'string' && LINKED_SOURCE_TYPES.has(type)) visit('', entry, 0);
  }
  return [...hosts];
}

/** Browser permissions the wall may use: writing copied text to the clipboard, nothing else. */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
