import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isSameOrigin } from '../../../electron/headless/request-guards';
import { checkBind, wallBaseUrl, type HostPolicy } from '../../../electron/headless/bind-policy';
import {
  isSourceMap,
  PERMISSIONS_POLICY,
  resolveInside,
  SECURITY_HEADERS,
} from '../../../electron/headless/static-files';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;
const loopback: HostPolicy = { bindHost: '127.0.0.1', publicHosts: [] };
const lan: HostPolicy = {
  bindHost: '0.0.0.0',
  publicHosts: ['wall.lan', '192.168.1.20:4870', 'https://wall.example.com'],
};

describe('request guards', () => {
  it('a loopback hub answers only loopback Host names (DNS rebinding)', () => {
    expect(isAllowedHost(req({ host: '127.0.0.1:4870' }), loopback, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'localhost:4870' }), loopback, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'evil.example:4870' }), loopback, 4870)).toBe(false);
    expect(isAllowedHost(req({}), loopback, 4870)).toBe(false);
    expect(isAllowedHost(req({ host: 'wall.lan:4870' }), loopback, 4870)).toBe(false);
  });

  it('a hub bound beyond loopback answers only its public hosts (and loopback), never any Host', () => {
    expect(isAllowedHost(req({ host: 'wall.lan:4870' }), lan, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'WALL.lan' }), lan, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'wall.lan:9999' }), lan, 4870)).toBe(false);
    expect(isAllowedHost(req({ host: '192.168.1.20:4870' }), lan, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: '192.168.1.20' }), lan, 4870)).toBe(false);
    expect(isAllowedHost(req({ host: 'wall.example.com' }), lan, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: '127.0.0.1:4870' }), lan, 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'attacker.example:4870' }), lan, 4870)).toBe(false);
    expect(isAllowedHost(req({ host: 'wall.lan@attacker.example' }), lan, 4870)).toBe(false);
  });

  it('an Origin must match scheme, host and port (cross-site WebSocket hijacking)', () => {
    const h = (origin: string): IncomingMessage => req({ host: '127.0.0.1:4870', origin });
    expect(isSameOrigin(h('http://127.0.0.1:4870'), loopback, 4870)).toBe(true);
    expect(isSameOrigin(h('http://evil.example'), loopback, 4870)).toBe(false);
    expect(isSameOrigin(h('http://127.0.0.1:8080'), loopback, 4870)).toBe(false);
    expect(isSameOrigin(h('https://127.0.0.1:4870'), loopback, 4870)).toBe(false);
    expect(isSameOrigin(h('http://localhost:4870'), loopback, 4870)).toBe(false);
    expect(isSameOrigin(h('null'), loopback, 4870)).toBe(false);
    // No Origin: not a browser page; the request's credentials decide (the auth gate).
    expect(isSameOrigin(req({ host: '127.0.0.1:4870' }), loopback, 4870)).toBe(true);
  });

  it('accepts an https Origin only for a public host written https:// (a TLS proxy in front)', () => {
    const at = (host: string, origin: string): boolean => isSameOrigin(req({ host, origin }), lan, 4870);
    expect(at('wall.example.com', 'https://wall.example.com')).toBe(true);
    expect(at('wall.example.com', 'https://wall.example.com:8443')).toBe(false);
    expect(at('wall.lan:4870', 'https://wall.lan:4870')).toBe(false);
    expect(at('wall.lan:4870', 'http://wall.lan:4870')).toBe(true);
    expect(at('wall.lan:4870', 'http://wall.lan')).toBe(false);
  });
});

describe('bind policy', () => {
  it('refuses to bind beyond loopback without server.publicHosts, with a message that says what to add', () => {
    for (const bindHost of ['0.0.0.0', '::', '192.168.1.20', '']) {
      const result = checkBind({ bindHost, publicHosts: [] });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('"publicHosts"');
    }
    for (const bindHost of ['127.0.0.1', '127.0.0.2', 'localhost', '::1'])
      expect(checkBind({ bindHost, publicHosts: [] }).ok).toBe(true);
    expect(checkBind(lan).ok).toBe(true);
  });

  it('prints a URL browsers can use: loopback, or the first public host', () => {
    expect(wallBaseUrl(loopback, 4870)).toBe('http://127.0.0.1:4870/');
    expect(wallBaseUrl({ bindHost: '::1', publicHosts: [] }, 4870)).toBe('http://[::1]:4870/');
    expect(wallBaseUrl(lan, 4870)).toBe('http://127.0.0.1:4870/');
    expect(wallBaseUrl({ bindHost: '192.168.1.20', publicHosts: ['wall.lan'] }, 4870)).toBe('http://wall.lan:4870/');
    expect(wallBaseUrl({ bindHost: '10.0.0.5', publicHosts: ['https://wall.example.com'] }, 4870)).toBe(
      'https://wall.example.com/',
    );
  });
});

describe('static files', () => {
  it('never escapes the renderer folder', () => {
    expect(resolveInside('/srv/renderer', '/index.html')).toBe('/srv/renderer/index.html');
    expect(resolveInside('/srv/renderer', '/../secret')).toBeNull();
    expect(resolveInside('/srv/renderer', '/%2e%2e/secret')).toBeNull();
    expect(resolveInside('/srv/renderer', '/a%00b')).toBeNull();
    expect(resolveInside('/srv/renderer', '/%E0%A4%A')).toBeNull();
  });

  it('switches off the browser features the wall never uses, and never serves source maps', () => {
    expect(SECURITY_HEADERS['permissions-policy']).toBe(PERMISSIONS_POLICY);
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'payment'])
      expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    expect(isSourceMap('/srv/renderer/assets/index-abc.js.map')).toBe(true);
    expect(isSourceMap('/srv/renderer/assets/INDEX.JS.MAP')).toBe(true);
    expect(isSourceMap('/srv/renderer/assets/index-abc.js')).toBe(false);
  });
});
