// The desktop app's own origin: the built renderer is served from app://earshot/ instead of file://, so the page
// gets a real origin (CSP 'self', no access to other local files) and the main process decides what is served.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import { CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from './security';

/** The scheme the renderer is loaded from. */
export const APP_SCHEME = 'app';
/** The one host the scheme serves. */
export const APP_HOST = 'earshot';
/** The app's origin: what CSP 'self' means inside the window. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads, and the only page allowed to call the hub over IPC. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered before `ready`: standard (real origin, relative URLs), secure (like https, so no
 * mixed-content exceptions are needed) and fetch-capable. Deliberately without bypassCSP, corsEnabled,
 * allowServiceWorkers or stream.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** Whether `url` is the app's own page (any query or hash): what may navigate in the window and call the hub. */
export function isAppPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/index.html'
  );
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file the scheme may serve. */
export interface AppFile {
  readonly path: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** Why a request is refused, with the HTTP status it is answered with. */
export interface AppRefusal {
  readonly status: 400 | 403 | 404 | 405;
  readonly reason: string;
}

const refuse = (status: AppRefusal['status'], reason: string): Result<never, AppRefusal> => err({ status, reason });

function decodedPath(url: URL): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A NUL ends the path for the OS; a backslash is a separator on Windows ("..\" would climb out).
  return path.includes('\0') || path.includes('\\') ? null : path;
}

/** The absolute file under `root` that `path` names, or null when it would leave the root. */
function inside(root: string, path: string): string | null {
  const base = resolve(root);
  const full = resolve(base, `.${path.startsWith('/') ? path : `/${path}`}`);
  const rel = relative(base, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return full;
}

/**
 * Maps a request for `app://earshot/...` to a file of the built renderer in `root`, or a refusal: GET/HEAD only,
 * this scheme and host only, no path that leaves the root (dot segments, encoded slashes, NUL, backslashes), no
 * hidden files, no source maps, and only the asset types the renderer is built from.
 */
export function resolveAppRequest(root: string, url: string, method = 'GET'): Result<AppFile, AppRefusal> {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Only GET and HEAD are served.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'Not a URL.');
  }
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol !== `${APP_SCHEME}:` || host !== APP_HOST) return refuse(403, 'Not the app origin.');
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return refuse(403, 'Not the app origin.');
  const path = decodedPath(parsed);
  if (path === null) return refuse(400, 'Bad path.');
  const file = inside(root, path === '/' || path === '' ? '/index.html' : path);
  if (file === null) return refuse(403, 'Outside the app.');
  const segments = relative(resolve(root), file).split(sep);
  if (segments.some((segment) => segment.startsWith('.'))) return refuse(404, 'Not found.');
  const contentType = TYPES[extname(file).toLowerCase()];
  if (contentType === undefined) return refuse(404, 'Not found.');
  const immutable = segments[0] === 'assets' && segments.length > 1;
  return ok({ path: file, contentType, cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
}

/** Headers on every answer of the scheme, files and refusals alike; COOP + COEP isolate the window (static-files.ts). */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Permissions-Policy': PERMISSIONS_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Reads a file of the built renderer (Electron's fs reads inside app.asar too). */
export type ReadAppFile = (path: string) => Promise<Uint8Array>;

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** The `protocol.handle('app', …)` handler: serves the built renderer in `root`, refusing everything else. */
export function appProtocolHandler(
  root: string,
  read: ReadAppFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = resolveAppRequest(root, request.url, request.method);
    if (!target.ok) return text(target.error.status, target.error.reason);
    let body: Uint8Array;
    try {
      body = await read(target.value.path);
    } catch {
      // Missing, a directory, or unreadable: the page learns nothing about the disk beyond "not here".
      return text(404, 'Not found.');
    }
    const headers = {
      ...APP_RESPONSE_HEADERS,
      'Content-Type': target.value.contentType,
      'Cache-Control': target.value.cacheControl,
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
