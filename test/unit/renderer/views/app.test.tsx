// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { SHORTCUTS } from '../../../../renderer/app/shortcuts';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { syncDisplaySettings } from '../../../../renderer/theme/settings-storage';
import { makeIncident, makeMention, makeSnapshot } from '../fixtures';
import { T0, mountWall, type WallOptions } from './wall-harness';

const press = (key: string, target: Element | Window = window): void => {
  fireEvent.keyDown(target, { key });
};

const SNAPSHOT = () =>
  makeSnapshot(T0, {
    mentions: [1, 2, 3].map((n) => makeMention(n, T0 - n * 1000, { createdAt: T0 - n * 1000, text: `post ${n}` })),
    incidents: [makeIncident('i1', T0 - 60_000, { title: 'Login failures spike' })],
  });

/** Mounts the whole wall and waits for the first snapshot. */
async function mountApp(options: WallOptions = {}) {
  const mounted = await mountWall(<App />, { snapshot: SNAPSHOT, ...options });
  await screen.findByText('post 1');
  return mounted;
}

afterEach(() => {
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.largeType;
});

describe('App', () => {
  it('shows loading until the first snapshot, then the feed, volume chart and incidents', async () => {
    await mountWall(<App />, { snapshot: SNAPSHOT });
    expect(screen.getByTestId(TEST_IDS.loading).textContent).toContain('Connecting to the hub');
    expect(screen.queryByTestId(TEST_IDS.feed)).toBeNull();
    expect(await screen.findByTestId(TEST_IDS.feed)).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.loading)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.volumeChart)).toBeTruthy();
    expect(within(screen.getByTestId(TEST_IDS.incidents)).getByText('Login failures spike')).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.sourcesStrip)).toBeTruthy();
  });

  it('opens the help overlay with "?", lists every shortcut, and closes it with Escape or its button', async () => {
    await mountApp();
    expect(screen.queryByTestId(TEST_IDS.helpOverlay)).toBeNull();
    press('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help.dataset.testid).toBe(TEST_IDS.helpOverlay);
    for (const s of SHORTCUTS) expect(within(help).getByText(s.label)).toBeTruthy();
    press('Escape');
    expect(screen.queryByTestId(TEST_IDS.helpOverlay)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '? keys' }));
    fireEvent.click(within(screen.getByTestId(TEST_IDS.helpOverlay)).getByRole('button', { name: 'Close (Esc)' }));
    expect(screen.queryByTestId(TEST_IDS.helpOverlay)).toBeNull();
  });

  it('switches dark and light from the toggle and with "t", on <html> and remembered', async () => {
    const { store } = await mountApp();
    onTestFinished(syncDisplaySettings(store, window.localStorage, document.documentElement));
    const toggle = screen.getByTestId(TEST_IDS.themeToggle);
    expect(toggle.textContent).toBe('☾ dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(toggle);
    expect(toggle.textContent).toBe('☀ light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(JSON.parse(window.localStorage.getItem('earshot.wall.settings') ?? '{}')).toMatchObject({ theme: 'light' });
    press('t');
    expect(toggle.textContent).toBe('☾ dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('toggles large type from its button and with "l"', async () => {
    await mountApp();
    const toggle = screen.getByTestId(TEST_IDS.largeTypeToggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    press('l');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('moves the feed selection with j / k / g and opens the selected post with "o"', async () => {
    await mountApp();
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const current = () => screen.getAllByTestId(TEST_IDS.mentionRow).find((r) => r.getAttribute('aria-current'));
    const text = () => current()?.querySelector(`[data-testid="${TEST_IDS.mentionText}"]`)?.textContent;
    expect(current()).toBeUndefined();
    press('j');
    expect(text()).toBe('post 1');
    press('j');
    press('j');
    press('j');
    expect(text()).toBe('post 3');
    press('k');
    expect(text()).toBe('post 2');
    press('o');
    expect(opened).toHaveBeenCalledWith('https://example.com/p/2', '_blank', 'noopener,noreferrer');
    press('g');
    expect(text()).toBe('post 1');
  });

  it('opens settings with "s" and goes back to the wall with Escape; keys typed in a field stay in it', async () => {
    await mountApp({
      answer: (name) =>
        name === 'sources:list'
          ? {
              ok: true,
              value: [
                {
                  sourceId: 'x',
                  kind: 'x',
                  label: 'X',
                  enabled: true,
                  credentialFields: ['bearerToken'],
                  configured: false,
                  spend: null,
                },
              ],
            }
          : undefined,
    });
    press('s');
    expect(screen.getByTestId(TEST_IDS.settingsView)).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.feed)).toBeNull();
    const field = await screen.findByLabelText('bearerToken');
    press('?', field);
    press('t', field);
    expect(screen.queryByTestId(TEST_IDS.helpOverlay)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.themeToggle).textContent).toBe('☾ dark');
    press('Escape', field);
    expect(screen.queryByTestId(TEST_IDS.settingsView)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.feed)).toBeTruthy();
  });
});
