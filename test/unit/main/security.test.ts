import { describe, expect, it } from 'vitest';
import {
  configuredLinkHosts,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isPermissionAllowed,
  PERMISSIONS_POLICY,
  withCsp,
} from '../../../electron/main/security';

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('allows scripts from the app only: no inline code, no eval, no plugins, no framing, no base rewriting', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('replaces any policy a response carried and keeps its other headers', () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('Permissions-Policy', () => {
  it('switches off every device and capture feature the wall never uses', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'hid', 'serial', 'display-capture']) {
      expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    }
    expect(PERMISSIONS_POLICY).not.toMatch(/\*|self/);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://x.com/nimbus/status/1',
    'https://twitter.com/i/web/status/2',
    'https://mobile.twitter.com/a',
    'https://www.reddit.com/r/nimbus/comments/abc',
    'https://old.reddit.com/r/x',
    'https://apps.apple.com/us/app/id123',
    'https://play.google.com/store/apps/details?id=com.nimbus',
    'https://uk.trustpilot.com/review/nimbus.com',
    'https://bsky.app/profile/a.bsky.social/post/1',
    'https://WWW.Reddit.COM./r/x',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http://x.com/a', 'not https'],
    ['javascript:alert(1)', 'script URL'],
    ['file:///etc/passwd', 'file URL'],
    ['https://evil.com/x.com', 'unknown host'],
    ['https://x.com.evil.com/', 'suffix trick'],
    ['https://notx.com/', 'lookalike host'],
    ['https://google.com/', 'parent of an allowed host'],
    ['https://user:pw@x.com/', 'credentials in URL'],
    ['https://x.com:8443/', 'odd port'],
    ['not a url', 'garbage'],
    ['https://mastodon.social/@nimbus/1', 'unconfigured instance'],
  ])('refuses %s (%s)', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('opens configured Mastodon instances and feed hosts', () => {
    expect(isAllowedExternalUrl('https://mastodon.social/@nimbus/1', ['mastodon.social'])).toBe(true);
    expect(isAllowedExternalUrl('https://mastodon.social.evil.com/', ['mastodon.social'])).toBe(false);
    expect(isAllowedExternalUrl('https://anything.example/', [''])).toBe(false);
  });
});

describe('configuredLinkHosts', () => {
  it('collects hosts of mastodon and rss sources only, from URL fields, host fields and URL lists', () => {
    const hosts = configuredLinkHosts([
      { id: 'masto', type: 'mastodon', enabled: true, instance: 'mastodon.social' },
      { id: 'masto2', type: 'mastodon', enabled: true, instanceUrl: 'https://fosstodon.org/' },
      { id: 'status', type: 'rss', enabled: true, url: 'https://status.nimbus.example/feed.xml', label: 'Status' },
      { id: 'blogs', type: 'rss', enabled: true, feeds: ['https://blog.example.org/rss', 'nope'] },
      { id: 'x', type: 'x', enabled: true, baseUrl: 'https://api.x.example' },
      'garbage',
      null,
    ]);
    expect(hosts.sort()).toEqual(['blog.example.org', 'fosstodon.org', 'mastodon.social', 'status.nimbus.example']);
  });
});

describe('isPermissionAllowed', () => {
  it('grants clipboard writes only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});
