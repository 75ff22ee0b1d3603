import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isSameOrigin } from '../../../electron/headless/request-guards';
import { resolveInside } from '../../../electron/headless/static-files';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('request guards', () => {
  it('a loopback hub answers only loopback Host names (DNS rebinding)', () => {
    expect(isAllowedHost(req({ host: '127.0.0.1:4870' }), '127.0.0.1', 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'localhost:4870' }), '127.0.0.1', 4870)).toBe(true);
    expect(isAllowedHost(req({ host: 'evil.example:4870' }), '127.0.0.1', 4870)).toBe(false);
    expect(isAllowedHost(req({}), '127.0.0.1', 4870)).toBe(false);
    expect(isAllowedHost(req({ host: 'wall.lan:4870' }), '0.0.0.0', 4870)).toBe(true);
  });

  it('WebSocket upgrades from another origin are refused (cross-site hijacking)', () => {
    expect(isSameOrigin(req({ host: '127.0.0.1:4870', origin: 'http://127.0.0.1:4870' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:4870', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:4870' }))).toBe(true);
  });
});

describe('static file resolution', () => {
  it('never escapes the renderer folder', () => {
    expect(resolveInside('/srv/renderer', '/index.html')).toBe('/srv/renderer/index.html');
    expect(resolveInside('/srv/renderer', '/../secret')).toBeNull();
    expect(resolveInside('/srv/renderer', '/%2e%2e/secret')).toBeNull();
    expect(resolveInside('/srv/renderer', '/a%00b')).toBeNull();
    expect(resolveInside('/srv/renderer', '/%E0%A4%A')).toBeNull();
  });
});
