// @vitest-environment jsdom
import './setup-dom';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorBanner } from '../../../../renderer/features/status/ErrorBanner';
import { SourcesStrip } from '../../../../renderer/features/status/SourcesStrip';
import { StatusBar } from '../../../../renderer/features/status/StatusBar';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { SocketFactory, SocketLike } from '../../../../renderer/transport/websocket-transport';
import type { SourceHealth } from '../../../../shared/source-health';
import { makeHealth, makeMention, makeSnapshot } from '../fixtures';
import { T0, mountWall, type WallOptions } from './wall-harness';

const MINUTE = 60_000;
/** A reconnect never comes within a test: the lost link stays lost until the test ends. */
const HOLD: WallOptions['transport'] = { backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } };

const Bar = () => (
  <>
    <StatusBar />
    <ErrorBanner />
    <SourcesStrip />
  </>
);

const SOURCES: SourceHealth[] = [
  makeHealth('x', { kind: 'x', label: 'X brand search', lastItemAt: T0 - 2 * MINUTE, itemsPerMinute: 4.25 }),
  makeHealth('rd', { kind: 'reddit', label: 'Reddit', state: 'degraded', lastError: 'HTTP 503 from Reddit' }),
  makeHealth('tp', { kind: 'trustpilot', label: 'Trustpilot', state: 'failing', lastError: 'timed out' }),
  makeHealth('gp', { kind: 'googleplay', label: 'Google Play', state: 'auth-error', lastError: 'HTTP 401' }),
  makeHealth('ma', {
    kind: 'mastodon',
    label: 'Mastodon',
    state: 'rate-limited',
    rateLimitedUntil: T0 + 5 * MINUTE,
    lastError: 'rate limited (HTTP 429)',
  }),
];

/** Mounts the bar, banner and strip on a snapshot; resolves once the snapshot is on screen. */
async function mountBar(options: WallOptions = {}) {
  const mounted = await mountWall(<Bar />, {
    snapshot: () =>
      makeSnapshot(T0, {
        status: { version: '4.2.0', uptime: 60, mentions: 321, sources: SOURCES, mode: 'embedded' },
        mentions: [makeMention(1, T0)],
      }),
    ...options,
  });
  await screen.findByText('X brand search');
  return mounted;
}

const chip = (label: string): HTMLElement => {
  const el = screen.getByText(label).closest<HTMLElement>(`[data-testid="${TEST_IDS.sourceChip}"]`);
  if (el === null) throw new Error(`no source chip for ${label}`);
  return el;
};

describe('StatusBar and SourcesStrip', () => {
  it('shows the connected hub: link, version and stored mention count', async () => {
    const { hub } = await mountBar();
    expect(screen.getByTestId(TEST_IDS.connection).textContent).toMatch(/^● connected/);
    expect(screen.getByTestId(TEST_IDS.connection).dataset.status).toBe('connected');
    expect(screen.getByTestId(TEST_IDS.hubVersion).textContent).toBe('4.2.0');
    expect(screen.getByTestId(TEST_IDS.mentionCount).textContent).toBe('321');
    expect(screen.queryByTestId(TEST_IDS.errorBanner)).toBeNull();
    hub.push({ name: 'mentions:batch', payload: { mentions: [makeMention(2, T0 + 1), makeMention(3, T0 + 2)] } });
    expect(await screen.findByText('323')).toBe(screen.getByTestId(TEST_IDS.mentionCount));
  });

  it('shows each source health state with its mark, and marks failing sources STALE', async () => {
    await mountBar();
    const view = (label: string) => {
      const el = chip(label);
      return { text: el.textContent, tone: el.dataset.tone, stale: el.dataset.stale, title: el.title };
    };
    expect(view('X brand search')).toEqual({
      text: '●X brand searchok4.3/mindata 2m old',
      tone: 'good',
      stale: 'false',
      title: '',
    });
    expect(view('Reddit')).toEqual({
      text: '▲Redditdegraded3.0/minno data yet',
      tone: 'warn',
      stale: 'false',
      title: 'HTTP 503 from Reddit',
    });
    expect(view('Trustpilot')).toMatchObject({ text: expect.stringMatching(/^✕Trustpilotfailing.*STALE$/) });
    expect(view('Trustpilot')).toMatchObject({ tone: 'bad', stale: 'true', title: 'timed out' });
    expect(view('Google Play')).toMatchObject({ tone: 'bad', stale: 'true', title: 'HTTP 401' });
    expect(within(chip('Google Play')).getByText('auth-error')).toBeTruthy();
    expect(view('Mastodon')).toMatchObject({ tone: 'warn', stale: 'false', title: 'rate limited (HTTP 429)' });
    expect(within(chip('Mastodon')).getByText('rate-limited')).toBeTruthy();
    expect(screen.getAllByTestId(TEST_IDS.sourceChip).map((c) => c.querySelector('strong')?.textContent)).toEqual([
      'Google Play',
      'Mastodon',
      'Reddit',
      'Trustpilot',
      'X brand search',
    ]);
  });

  it('updates a source chip when the hub reports new health', async () => {
    const { hub } = await mountBar();
    hub.push({
      name: 'sources:health',
      payload: { sources: [{ ...SOURCES[0]!, state: 'auth-error', lastError: 'HTTP 401 from X' }] },
    });
    expect(await within(chip('X brand search')).findByText('auth-error')).toBeTruthy();
    expect(chip('X brand search').title).toBe('HTTP 401 from X');
    expect(chip('X brand search').dataset.stale).toBe('true');
  });

  it('counts events dropped at the edge', async () => {
    const { hub } = await mountBar();
    hub.sendRaw('not json');
    hub.push({ name: 'mentions:batch', payload: { mentions: [{ id: 'no-such-mention' }] } });
    expect(await screen.findByText('2 invalid events dropped')).toBeTruthy();
  });
});

describe('a lost connection', () => {
  it('says the link is lost and keeps the last data on screen', async () => {
    const { hub } = await mountBar({ transport: HOLD });
    hub.dropClients();
    const banner = await screen.findByTestId(TEST_IDS.errorBanner);
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Lost the connection to the hub.');
    expect(banner.textContent).toContain('Showing the last data received');
    expect(screen.getByTestId(TEST_IDS.connection).textContent).toMatch(/^◌ reconnecting \(attempt 1\)/);
    expect(screen.getByTestId(TEST_IDS.hubVersion).textContent).toBe('4.2.0');
    expect(screen.getAllByTestId(TEST_IDS.sourceChip)).toHaveLength(SOURCES.length);
  });

  it('shows offline after the configured number of failed attempts', async () => {
    const { hub } = await mountBar({ transport: { ...HOLD, offlineAfter: 1 } });
    hub.dropClients();
    expect(await screen.findByText(/offline — retrying/)).toBe(screen.getByTestId(TEST_IDS.connection));
    expect(screen.getByTestId(TEST_IDS.connection).textContent).toMatch(/^✕/);
    expect(screen.getByTestId(TEST_IDS.errorBanner).textContent).toContain('Lost the connection to the hub.');
  });

  it('clears the banner and takes the fresh snapshot once the hub is back', async () => {
    let release = (): void => {};
    const reconnect = new Promise<void>((resolve) => (release = resolve));
    let opened = 0;
    /** The first socket opens at once; a reconnect waits until the test releases it. */
    const held =
      (real: SocketFactory): SocketFactory =>
      (url, handlers) => {
        opened += 1;
        if (opened === 1) return real(url, handlers);
        let socket: SocketLike | null = null;
        let closed = false;
        void reconnect.then(() => {
          if (!closed) socket = real(url, handlers);
        });
        return {
          send: (data) => socket?.send(data),
          close: () => {
            closed = true;
            socket?.close();
          },
        };
      };
    const { hub } = await mountBar({ transport: { backoff: { baseMs: 1, maxMs: 1 } }, open: held });
    hub.dropClients();
    await screen.findByTestId(TEST_IDS.errorBanner);
    hub.setSnapshot(() =>
      makeSnapshot(T0 + MINUTE, { status: { version: '4.2.1', uptime: 1, mentions: 400, sources: [], mode: 'team' } }),
    );
    release();
    expect(await screen.findByText('4.2.1')).toBe(screen.getByTestId(TEST_IDS.hubVersion));
    expect(screen.getByTestId(TEST_IDS.connection).textContent).toMatch(/^● connected/);
    expect(screen.queryByTestId(TEST_IDS.errorBanner)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.mentionCount).textContent).toBe('400');
    expect(hub.connections).toBe(2);
  });
});
