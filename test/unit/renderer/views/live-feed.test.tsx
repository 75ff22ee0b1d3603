// @vitest-environment jsdom
import { ELEMENT_BOX } from './setup-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveFeed } from '../../../../renderer/features/feed/LiveFeed';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Mention } from '../../../../shared/mention';
import { makeMention, makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const HOSTILE = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">';

/** Mounts the feed on a snapshot holding `mentions`; resolves to the rendered rows. */
async function feedOf(mentions: Mention[]): Promise<HTMLElement[]> {
  await mountWall(<LiveFeed />, { snapshot: () => makeSnapshot(T0, { mentions }) });
  return screen.findAllByTestId(TEST_IDS.mentionRow);
}

const sentimentOf = (row: HTMLElement): string | null =>
  row.querySelector('[data-sentiment]')?.textContent?.trim() ?? null;

/** Reports each observed element's box (ELEMENT_BOX) on a later task, as a browser does after its next layout. */
class LaterResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}

  observe(target: Element): void {
    const { width, height } = ELEMENT_BOX;
    const box: ResizeObserverSize = { inlineSize: width, blockSize: height };
    const entry: ResizeObserverEntry = {
      target,
      contentRect: DOMRectReadOnly.fromRect({ width, height }),
      borderBoxSize: [box],
      contentBoxSize: [box],
      devicePixelContentBoxSize: [box],
    };
    setTimeout(() => this.callback([entry], this), 0);
  }

  unobserve(): void {}

  disconnect(): void {}
}

describe('LiveFeed', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each post as text, newest first, with its author and age', async () => {
    const rows = await feedOf([
      makeMention(1, T0 - 120_000, { text: 'cannot log in since the update', createdAt: T0 - 180_000 }),
      makeMention(2, T0 - 5_000, { text: 'love the new app', createdAt: T0 - 5_000 }),
    ]);
    expect(rows.map((r) => within(r).getByTestId(TEST_IDS.mentionText).textContent)).toEqual([
      'love the new app',
      'cannot log in since the update',
    ]);
    expect(within(rows[0]!).getByText('@user2')).toBeTruthy();
    expect(within(rows[0]!).getByText('just now')).toBeTruthy();
    expect(within(rows[1]!).getByText('3m ago')).toBeTruthy();
    expect(screen.getByText(/2 shown/)).toBeTruthy();
  });

  it('renders markup in a post as visible text, never as elements', async () => {
    const rows = await feedOf([makeMention(1, T0, { text: HOSTILE, author: { handle: '<b>mallory</b>' } })]);
    const feed = screen.getByTestId(TEST_IDS.feed);
    expect(within(rows[0]!).getByTestId(TEST_IDS.mentionText).textContent).toBe(HOSTILE);
    expect(within(rows[0]!).getByText('@<b>mallory</b>')).toBeTruthy();
    expect(feed.querySelector('script, img, b')).toBeNull();
    expect('pwned' in window).toBe(false);
  });

  it('labels sentiment, and reads "unsure" below 0.5 confidence', async () => {
    const sentiment = (label: 'negative' | 'neutral' | 'positive', confidence: number) => ({
      label,
      score: 0,
      confidence,
    });
    const at = (n: number, label: 'negative' | 'neutral' | 'positive', confidence: number): Mention => {
      const m = makeMention(n, T0 - n * 1000, { createdAt: T0 - n * 1000 });
      return { ...m, enrichment: { ...m.enrichment, sentiment: sentiment(label, confidence) } };
    };
    const rows = await feedOf([
      at(1, 'negative', 0.9),
      at(2, 'positive', 0.5),
      at(3, 'neutral', 0.8),
      at(4, 'negative', 0.49),
      at(5, 'positive', 0.1),
    ]);
    expect(rows.map(sentimentOf)).toEqual(['▼ negative', '▲ positive', '■ neutral', '? unsure', '? unsure']);
  });

  it('links only to http(s) posts, in a new tab without an opener', async () => {
    const rows = await feedOf([
      makeMention(1, T0 - 1000, { createdAt: T0 - 1000, url: 'javascript:alert(1)' }),
      makeMention(2, T0, { createdAt: T0, url: 'https://x.com/a/status/2' }),
    ]);
    const link = within(rows[0]!).getByRole('link', { name: /open post/ });
    expect(link.getAttribute('href')).toBe('https://x.com/a/status/2');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(rows[1]!).queryByRole('link')).toBeNull();
  });

  it('puts mentions pushed by the hub on top as they arrive', async () => {
    const { hub } = await mountWall(<LiveFeed />, {
      snapshot: () => makeSnapshot(T0, { mentions: [makeMention(1, T0, { createdAt: T0, text: 'first' })] }),
    });
    await screen.findByText('first');
    hub.push({
      name: 'mentions:batch',
      payload: { mentions: [makeMention(2, T0 + 1000, { createdAt: T0 + 1000, text: 'breaking' })] },
    });
    await screen.findByText('breaking');
    const texts = screen.getAllByTestId(TEST_IDS.mentionText).map((t) => t.textContent);
    expect(texts).toEqual(['breaking', 'first']);
    expect(screen.getByText(/2 shown/)).toBeTruthy();
  });

  it('keeps only the visible rows in the DOM (virtualized)', async () => {
    const many = Array.from({ length: 200 }, (_, i) => makeMention(i, T0 - i * 1000, { createdAt: T0 - i * 1000 }));
    const rows = await feedOf(many);
    expect(screen.getByTestId(TEST_IDS.feed).dataset.mentionCount).toBe('200');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(20);
    expect(within(rows[0]!).getByText('post number 0')).toBeTruthy();
  });

  it('sizes new rows from the ResizeObserver, never by reading their layout as they mount', async () => {
    vi.stubGlobal('ResizeObserver', LaterResizeObserver);
    const heights = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get');
    const rects = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    const { hub } = await mountWall(<LiveFeed />, {
      snapshot: () => makeSnapshot(T0, { mentions: [makeMention(1, T0, { createdAt: T0, text: 'first' })] }),
    });
    await screen.findByText('first');
    const fresh = Array.from({ length: 30 }, (_, i) =>
      makeMention(100 + i, T0 + 1000 + i, { createdAt: T0 + 1000 + i, text: `new ${i}` }),
    );
    hub.push({ name: 'mentions:batch', payload: { mentions: fresh } });
    await screen.findByText('new 29');
    const isRow = (el: unknown): boolean => el instanceof HTMLElement && el.dataset.testid === TEST_IDS.mentionRow;
    // A read of a row's box inside React's commit forces the browser to lay out the page once per delta batch.
    expect([...heights.mock.contexts, ...rects.mock.contexts].filter(isRow)).toEqual([]);
    // The observer's sizes (240 px here) place the rows one under the other.
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId(TEST_IDS.mentionRow)
          .slice(0, 3)
          .map((r) => r.style.transform),
      ).toEqual(['translate3d(0, 0px, 0)', 'translate3d(0, 240px, 0)', 'translate3d(0, 480px, 0)']),
    );
  });

  it('says so when there are no mentions yet', async () => {
    const emptyPage = { ok: true, value: { items: [], next: null, handled: [] } };
    await mountWall(<LiveFeed />, { answer: (name) => (name === 'mentions:search' ? emptyPage : undefined) });
    expect(await screen.findByText(/No mentions yet/)).toBeTruthy();
    expect(screen.queryAllByTestId(TEST_IDS.mentionRow)).toEqual([]);
  });
});
