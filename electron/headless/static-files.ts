import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
};

/** The renderer's Content-Security-Policy, also sent by the Electron host. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Browser features the wall never uses, off for it and anything it might embed. Sound, fullscreen and the screen
 * wake lock stay allowed: a wall display may want them.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Headers every response carries. COOP + COEP make the wall cross-origin isolated: no other site's window or
 * resource shares its process, and its clocks (performance.now, requestAnimationFrame) tick at 5 µs instead of
 * 100 µs, fine enough to tell a 16.67 ms frame from a late one.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'permissions-policy': PERMISSIONS_POLICY,
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** True for source maps (`.map`, whatever the case), which the hub never serves. */
export const isSourceMap = (file: string): boolean => extname(file).toLowerCase() === '.map';

/** Serves the built renderer: files by path, index.html for the app's own routes. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const resolved = resolveInside(root, urlPath);
  if (resolved === null) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
    return;
  }
  if (isSourceMap(resolved)) {
    // Source maps would hand out the wall's unminified source; a build that left some behind still serves none.
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  let file = resolved;
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) file = join(root, 'index.html');
  const index = await stat(file).catch(() => null);
  if (!index) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The wall is not built. Run `npm run build` and restart `earshot serve`.');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache });
  createReadStream(file).pipe(res);
}
