// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { publicModeFromSearch } from '../../../../renderer/stores/floor-slice';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { HandledMark } from '../../../../shared/handled';
import type { Mention } from '../../../../shared/mention';
import type { MentionSearch } from '../../../../shared/search';
import { makeActor, makeMention, makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const STAFF = makeActor('staff', { name: 'Ana', desk: 'web 10.0.0.2' });
const live = [
  makeMention(1, T0 - 1000, { text: 'cannot log in since nine' }),
  makeMention(2, T0 - 2000, {
    text: 'card 4111 1111 1111 1111 charged twice, shit bank',
    enrichment: { ...makeMention(0, 0).enrichment, sentiment: { label: 'positive', score: 0.4, confidence: 0.42 } },
  }),
  makeMention(3, T0 - 3000, { text: 'app works fine', url: 'javascript:alert(1)' }),
];
const OLD = makeMention(90, T0 - 86_400_000, {
  text: 'refund still missing from last month',
  author: { handle: 'old_timer', followers: 50_000, verified: true },
  enrichment: {
    sentiment: { label: 'negative', score: -0.8, confidence: 0.93 },
    topics: [{ topic: 'refund', terms: ['refund'] }],
    language: 'es',
    authorWeight: 6.5,
    vip: true,
  },
});

const mark = (mentionId: string, handled: boolean, by = STAFF): HandledMark => ({
  mentionId,
  handled,
  at: T0,
  by,
  audit: [],
});

/** A hub holding `live` in its snapshot and `history` only in its store; answers search and handled. */
async function floor(history: Mention[] = [OLD]) {
  const mounted = await mountWall(<App />, {
    snapshot: () => makeSnapshot(T0, { mentions: live }),
    answer: (name, payload) => {
      if (name === 'session:whoami') return { ok: true, value: STAFF };
      if (name === 'mentions:search') {
        const q = payload as MentionSearch;
        const words = (q.text ?? '').split(' ').filter(Boolean);
        const items = history.filter(
          (m) => words.every((w) => m.text.includes(w)) && (q.to === undefined || m.createdAt < q.to),
        );
        return { ok: true, value: { items, next: null, handled: [] } };
      }
      if (name === 'mention:handled') {
        const p = payload as { mentionId: string; handled: boolean };
        return { ok: true, value: mark(p.mentionId, p.handled) };
      }
      return undefined;
    },
  });
  await screen.findByText('cannot log in since nine');
  await waitFor(() => expect(mounted.store.getState().actor).toEqual(STAFF));
  const requests = (name: string) =>
    mounted.hub.requests.filter((r) => r.name === name).map((r) => r.payload as MentionSearch);
  return { ...mounted, requests };
}

const texts = () => screen.getAllByTestId(TEST_IDS.mentionText).map((t) => t.textContent);
const press = (key: string): void => void fireEvent.keyDown(window, { key });

describe('staff floor', () => {
  it('reads older posts from the hub below the live ones, from just under the oldest live post', async () => {
    const { requests } = await floor();
    expect(await screen.findByText('refund still missing from last month')).toBeTruthy();
    expect(texts().at(-1)).toBe('refund still missing from last month');
    expect(requests('mentions:search')[0]).toEqual({ limit: 100, sort: 'time', to: live[2]!.createdAt + 1 });
    expect((await screen.findByTestId(TEST_IDS.historyStatus)).textContent).toContain('End of stored history');
  });

  it('searches all history on the hub with the words typed, and shows what only the hub holds', async () => {
    const { requests } = await floor();
    press('/');
    fireEvent.change(screen.getByTestId(TEST_IDS.feedSearch), { target: { value: 'Refund still' } });
    await waitFor(() => expect(texts()).toEqual(['refund still missing from last month']));
    expect(requests('mentions:search').at(-1)).toMatchObject({ text: 'refund still' });
  });

  it('filters by sentiment, topic, language and influence, in the live rows and in what it asks the hub', async () => {
    const { requests } = await floor();
    const filters = within(screen.getByTestId(TEST_IDS.floorFilters));
    fireEvent.change(filters.getByLabelText('Sentiment'), { target: { value: 'positive' } });
    await waitFor(() => expect(texts()).toEqual([live[1]!.text]));
    fireEvent.change(filters.getByLabelText('Sentiment'), { target: { value: 'negative' } });
    fireEvent.change(filters.getByLabelText('Influence'), { target: { value: 'vip' } });
    await waitFor(() => expect(texts()).toEqual(['refund still missing from last month']));
    expect(requests('mentions:search').at(-1)).toMatchObject({ sentiment: 'negative', vipOnly: true });
    fireEvent.change(filters.getByLabelText('Sort'), { target: { value: 'weight' } });
    await waitFor(() => expect(requests('mentions:search').at(-1)).toMatchObject({ sort: 'weight' }));
    fireEvent.click(filters.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(texts()).toHaveLength(4));
  });

  it('shows the selected post in full, with a link only when it is http(s)', async () => {
    await floor();
    await screen.findByText('refund still missing from last month');
    press('j');
    press('j');
    press('j');
    const detail = screen.getByTestId(TEST_IDS.postDetail);
    expect(detail.textContent).toContain('app works fine');
    expect(within(detail).queryByText(/Open at source/)).toBeNull();
    press('j');
    expect(detail.textContent).toContain('@old_timer');
    expect(detail.textContent).toContain('6.5 · ★ VIP');
    expect(detail.textContent).toContain('negative (-0.80), confidence 93%');
    expect(detail.textContent).toContain('refund (refund)');
    expect(detail.textContent).toMatch(/Languagees/);
    expect(
      within(detail)
        .getByText(/Open at source/)
        .closest('a')
        ?.getAttribute('href'),
    ).toBe('https://example.com/p/90');
  });

  it('marks the selected post handled with h, and shows marks made at another desk', async () => {
    const { requests, hub } = await floor();
    press('j');
    press('h');
    await waitFor(() => expect(screen.getAllByTestId(TEST_IDS.handledBadge)).toHaveLength(1));
    expect(requests('mention:handled')).toEqual([{ mentionId: 'sim:1', handled: true }]);
    expect(screen.getByTestId(TEST_IDS.postDetail).textContent).toContain('Handled by Ana (web 10.0.0.2)');
    expect(screen.getByTestId(TEST_IDS.markHandled).textContent).toContain('Mark not handled');
    const bo = makeActor('staff', { name: 'Bo', desk: 'desktop' });
    hub.push({ name: 'mentions:handled', payload: { marks: [mark('sim:3', true, bo)] } });
    await waitFor(() => expect(screen.getAllByTestId(TEST_IDS.handledBadge)).toHaveLength(2));
  });

  it('masks personal data and profanity on a public screen (p), then hides posts (charts only)', async () => {
    await floor();
    press('p');
    expect(texts()).toContain('card [card] charged twice, s*** bank');
    expect(screen.getAllByTestId(TEST_IDS.mentionRow)[0]?.textContent).toContain('@u…');
    press('p');
    expect(screen.queryAllByTestId(TEST_IDS.mentionRow)).toEqual([]);
    expect(screen.getByTestId(TEST_IDS.postsHidden)).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.publicToggle).dataset.publicMode).toBe('charts');
    press('p');
    expect(texts()).toContain(live[1]!.text);
  });

  it('reads the public mode from the address', () => {
    expect(publicModeFromSearch('?public=1')).toBe('masked');
    expect(publicModeFromSearch('?view=display&public=charts')).toBe('charts');
    expect(publicModeFromSearch('?public=0')).toBe('off');
    expect(publicModeFromSearch('')).toBe('off');
  });
});
