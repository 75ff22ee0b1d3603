import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  appProtocolHandler,
  isAppPage,
  resolveAppRequest,
} from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from '../../../electron/main/security';

const ROOT = '/opt/Earshot/resources/app.asar/dist/renderer';

const refusal = (url: string, method = 'GET'): number | null => {
  const result = resolveAppRequest(ROOT, url, method);
  return result.ok ? null : result.error.status;
};

describe('resolveAppRequest', () => {
  it('maps app://earshot/ paths to files of the built renderer, with their type and caching', () => {
    expect(resolveAppRequest(ROOT, APP_INDEX_URL)).toEqual({
      ok: true,
      value: { path: `${ROOT}/index.html`, contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' },
    });
    expect(resolveAppRequest(ROOT, 'app://earshot/')).toMatchObject({
      ok: true,
      value: { path: `${ROOT}/index.html` },
    });
    expect(resolveAppRequest(ROOT, 'app://earshot/assets/index-abc.js?v=1#x')).toEqual({
      ok: true,
      value: {
        path: `${ROOT}/assets/index-abc.js`,
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: 'public, max-age=31536000, immutable',
      },
    });
    expect(resolveAppRequest(ROOT, 'app://earshot/assets/index.css')).toMatchObject({
      value: { contentType: 'text/css; charset=utf-8' },
    });
    expect(resolveAppRequest(ROOT, 'app://earshot/favicon.svg')).toMatchObject({
      value: { contentType: 'image/svg+xml', cacheControl: 'no-cache' },
    });
    expect(resolveAppRequest(ROOT, 'app://earshot/a%20b.png')).toMatchObject({ value: { path: `${ROOT}/a b.png` } });
    expect(resolveAppRequest(ROOT, 'app://earshot/index.html', 'HEAD').ok).toBe(true);
  });

  it.each([
    ['app://earshot/../../../../etc/passwd.txt', 'dot segments'],
    ['app://earshot/%2e%2e/%2e%2e/etc/passwd.txt', 'encoded dot segments'],
    ['app://earshot/assets/../../../etc/passwd.txt', 'dot segments below a folder'],
  ])('resolves dot segments inside the root: %s (%s)', (url) => {
    expect(resolveAppRequest(ROOT, url)).toMatchObject({ ok: true, value: { path: `${ROOT}/etc/passwd.txt` } });
  });

  it.each([
    ['app://earshot/..%2f..%2f..%2fetc%2fpasswd.txt', 'encoded slashes'],
    ['app://earshot/assets/..%2F..%2F..%2Fsecret.json', 'encoded slashes below a folder'],
    ['app://earshot/..%5c..%5csecret.json', 'encoded backslashes'],
    ['app://earshot/a\\..\\..\\secret.json', 'backslashes'],
    ['app://earshot/index.html%00.png', 'a NUL byte'],
    ['app://earshot/%E0%A4%A', 'malformed percent-encoding'],
  ])('refuses a path that would leave the root: %s (%s)', (url) => {
    expect([400, 403]).toContain(refusal(url));
  });

  it.each([
    ['file:///etc/passwd', 'file://'],
    ['https://earshot/index.html', 'https'],
    ['app://evil/index.html', 'another host'],
    ['app://earshot:81/index.html', 'a port'],
    ['app://user:pw@earshot/index.html', 'credentials'],
    ['not a url', 'garbage'],
  ])('serves only its own origin: %s (%s)', (url) => {
    expect([400, 403]).toContain(refusal(url));
  });

  it('serves no source maps, hidden files or unknown file types, and only GET and HEAD', () => {
    expect(refusal('app://earshot/assets/index-abc.js.map')).toBe(404);
    expect(refusal('app://earshot/.env.json')).toBe(404);
    expect(refusal('app://earshot/assets/.hidden/x.js')).toBe(404);
    expect(refusal('app://earshot/main.cjs')).toBe(404);
    expect(refusal('app://earshot/assets')).toBe(404);
    expect(refusal(APP_INDEX_URL, 'POST')).toBe(405);
    expect(refusal(APP_INDEX_URL, 'PUT')).toBe(405);
  });
});

describe('isAppPage', () => {
  it('is the index page of app://earshot only', () => {
    expect(isAppPage(APP_INDEX_URL)).toBe(true);
    expect(isAppPage(`${APP_INDEX_URL}?scene=wall#top`)).toBe(true);
    for (const url of ['app://earshot/', 'app://earshot/x.html', 'file:///index.html', 'app://e/index.html', 'x']) {
      expect(isAppPage(url)).toBe(false);
    }
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app: a standard, secure, fetch-capable scheme and grants nothing that weakens the page', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('appProtocolHandler over a real folder', () => {
  let dir = '';
  let root = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-app-protocol-'));
    root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Earshot</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    await writeFile(join(dir, 'secret.json'), '{"token":"s3cret"}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => appProtocolHandler(root)(new Request(url, { method }));

  it('answers the page with its type and the security headers', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Earshot</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const script = await get('app://earshot/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('refuses traversal, source maps and missing files without revealing anything', async () => {
    for (const url of ['app://earshot/..%2fsecret.json', 'app://earshot/assets/..%2f..%2fsecret.json']) {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('s3cret');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get('app://earshot/assets/app.js.map')).status).toBe(404);
    const missing = await get('app://earshot/nope.js');
    expect([missing.status, await missing.text()]).toEqual([404, 'Not found.']);
  });
});
