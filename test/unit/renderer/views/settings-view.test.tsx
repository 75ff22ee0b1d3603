// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useWall } from '../../../../renderer/app/wall-context';
import { SettingsView } from '../../../../renderer/features/settings/SettingsView';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { SourceView } from '../../../../shared/contract';
import { makeHealth, makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const SECRET = 'AAAA-bearer-s3cr3t-token';

const xSource = (configured: boolean): SourceView => ({
  sourceId: 'x',
  kind: 'x',
  label: 'X brand search',
  enabled: true,
  credentialFields: ['bearerToken'],
  configured,
  spend: { readsToday: 1200, estimatedUsdToday: 6, capUsdPerDay: 5 },
});

const rss: SourceView = {
  sourceId: 'news',
  kind: 'rss',
  label: 'News feeds',
  enabled: false,
  credentialFields: [],
  configured: true,
  spend: null,
};

/** Renders its children once the first snapshot is in, as the wall does (settings open from a live wall). */
function WhenReady({ children }: { readonly children: ReactNode }) {
  return useWall((s) => s.ready) ? children : null;
}

const Settings = () => (
  <WhenReady>
    <SettingsView />
  </WhenReady>
);

/** A hub that stores credentials for `x` (configured once a bearer token is set) and tests sources. */
function settingsHub() {
  let configured = false;
  return (name: string, payload: unknown): unknown => {
    if (name === 'sources:list') return { ok: true, value: [{ ...xSource(configured), bearerToken: SECRET }, rss] };
    if (name === 'source:credentials:set') {
      const values = (payload as { values: Record<string, string> }).values;
      configured = values.bearerToken !== undefined;
      return { ok: true, value: { configured } };
    }
    if (name === 'source:test') return { ok: true, value: { ok: false, message: 'X answered 401: bad token' } };
    return undefined;
  };
}

async function mountSettings(answer = settingsHub()) {
  const mounted = await mountWall(<Settings />, {
    answer,
    snapshot: () => makeSnapshot(T0, { status: statusWith() }),
  });
  const cards = await screen.findAllByTestId(TEST_IDS.sourceSettings);
  return { ...mounted, cards };
}

const statusWith = () => ({
  version: '1',
  uptime: 1,
  mentions: 0,
  sources: [makeHealth('x', { kind: 'x', state: 'auth-error' })],
  mode: 'embedded' as const,
});

describe('SettingsView and SourceSettingsCard', () => {
  it('lists each source: state, configured or not, spend against the cap', async () => {
    const { cards } = await mountSettings();
    expect(cards).toHaveLength(2);
    expect(cards[0]!.firstElementChild?.textContent).toBe(
      'X brand search (x) · enabled · state auth-error · configured: no',
    );
    expect(cards[0]!.textContent).toContain('Spend today: $6.00 of $5.00 cap · 1,200 reads · cap reached');
    expect(cards[1]!.firstElementChild?.textContent).toBe(
      'News feeds (rss) · disabled · state unknown · configured: yes',
    );
    expect(within(cards[1]!).queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('takes a credential write-only: saved, shown as configured, never displayed', async () => {
    const { cards, hub } = await mountSettings();
    const input = within(cards[0]!).getByLabelText('bearerToken') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    expect(input.placeholder).toBe('not set');
    const save = within(cards[0]!).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(input, { target: { value: SECRET } });
    expect(save.disabled).toBe(false);
    fireEvent.click(save);

    expect(await screen.findByText('Saved. Source is configured.')).toBeTruthy();
    // Saving re-reads the list: the card now says configured.
    expect(await within(cards[0]!).findByText('yes', { selector: 'strong' })).toBeTruthy();
    expect(hub.requests).toContainEqual({
      name: 'source:credentials:set',
      payload: { sourceId: 'x', values: { bearerToken: SECRET } },
    });
    const after = within(cards[0]!).getByLabelText('bearerToken');
    expect((after as HTMLInputElement).value).toBe('');
    expect((after as HTMLInputElement).placeholder).toBe('•••• stored (enter to replace)');
    // The hub's list even carried the token by mistake: the contract's edge drops it before any view sees it.
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('shows the result of a connection test', async () => {
    const { cards } = await mountSettings();
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByText('X answered 401: bad token');
    expect(result.dataset.testid).toBe(TEST_IDS.sourceTestResult);
    expect(result.dataset.ok).toBe('false');
  });

  it('says when the sources cannot be loaded, and retries', async () => {
    let fail = true;
    const answer = settingsHub();
    await mountWall(<Settings />, {
      answer: (name, payload) =>
        name === 'sources:list' && fail
          ? { ok: false, error: { code: 'store', message: 'the store is locked' } }
          : answer(name, payload),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the sources: the store is locked');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId(TEST_IDS.sourceSettings)).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
