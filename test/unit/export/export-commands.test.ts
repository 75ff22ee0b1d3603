import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/core-types';
import { chromiumPdfRenderer, PDF_MAX_WAITING, type PdfRenderer } from '../../../electron/core/runtime/chromium-pdf';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import { ok } from '../../../shared/result';
import { createTestCore } from '../../helpers/core';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { actor, incident, MINUTE, T0 } from '../workflow/fixtures';

const open: Array<{ core: Core; store: Store }> = [];
afterEach(async () => {
  for (const { core, store } of open.splice(0)) {
    await core.stop();
    await store.close();
  }
});

async function hub(renderPdf?: PdfRenderer): Promise<{ core: Core; store: Store }> {
  const store = await openSqliteStore(':memory:');
  const core = createTestCore({ clock: new ManualClock(T0), store, ...(renderPdf ? { renderPdf } : {}) });
  await core.start();
  await store.saveIncident(
    incident('inc_1', {
      evidence: { ...incident('inc_1').evidence, timeline: [{ minute: T0 - MINUTE, observed: 9, baseline: 1 }] },
    }),
  );
  open.push({ core, store });
  return { core, store };
}

describe('incident:postmortem', () => {
  it('answers the HTML the hub renders, with the incident and its timeline', async () => {
    const { core } = await hub();
    const result = await core.api.invoke('incident:postmortem', { id: 'inc_1', format: 'html' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ filename: 'earshot-postmortem-inc_1.html', encoding: 'utf8' });
    expect(result.value.content).toContain('<section id="timeline">');
  });

  it('prints the same HTML through the host PDF renderer, as base64; says so when the hub has none', async () => {
    const printed: string[] = [];
    const { core } = await hub(async (html) => {
      printed.push(html);
      return ok(new TextEncoder().encode('%PDF-1.7 fake'));
    });
    const pdf = await core.api.invoke('incident:postmortem', { id: 'inc_1', format: 'pdf' });
    expect(pdf.ok && pdf.value.contentType).toBe('application/pdf');
    expect(pdf.ok && Buffer.from(pdf.value.content, 'base64').toString()).toBe('%PDF-1.7 fake');
    expect(printed[0]).toContain('Post-mortem: nimbus-bank');
    const bare = await hub();
    const none = await bare.core.api.invoke('incident:postmortem', { id: 'inc_1', format: 'pdf' });
    expect(!none.ok && none.error.message).toMatch(/PDF export is not available.*export the HTML/);
    const missing = await bare.core.api.invoke('incident:postmortem', { id: 'nope', format: 'html' });
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });
});

describe('mentions:export', () => {
  it('exports the stored mentions the filter matches; staff may, an executive may not', async () => {
    const { core, store } = await hub();
    const negative = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'negative' as const, score: -0.8, confidence: 1 } };
    await store.commitBatch(
      'src',
      Array.from({ length: 12 }, (_, i) => mention(i, T0 - i * 1000, i < 5 ? { enrichment: negative } : {})),
      null,
    );
    const csv = await core.api.invoke(
      'mentions:export',
      { filter: { sentiment: 'negative' }, format: 'csv' },
      actor('staff'),
    );
    expect(csv.ok && csv.value.rows).toBe(5);
    expect(csv.ok && csv.value.content.trimEnd().split('\r\n')).toHaveLength(6);
    const refused = await core.api.invoke('mentions:export', { filter: {}, format: 'csv' }, actor('executive'));
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    const backwards = await core.api.invoke('mentions:export', { filter: { from: T0, to: T0 - 1 }, format: 'jsonl' });
    expect(!backwards.ok && backwards.error.message).toMatch(/from before to/);
  });
});

describe('the headless PDF route', () => {
  it('prints HTML to a real PDF with the Chromium found at run time (scripts off)', async () => {
    const render = chromiumPdfRenderer({ env: { EARSHOT_CHROMIUM: '/usr/bin/chromium' }, logger: silentLogger() });
    const pdf = await render('<!doctype html><h1>Post-mortem</h1><script>document.title="ran"</script>');
    expect(pdf.ok).toBe(true);
    if (pdf.ok) expect(Buffer.from(pdf.value).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('prints one post-mortem at a time per hub, queues a few, and refuses the rest as busy at once', async () => {
    // A stand-in for playwright-core's Chromium (the real one is the test above): each print waits until let go.
    let open = 0;
    let most = 0;
    const held: Array<() => void> = [];
    const launch = async () => {
      open += 1;
      most = Math.max(most, open);
      await new Promise<void>((resolve) => held.push(resolve));
      return {
        newContext: async () => ({
          newPage: async () => ({
            setContent: async () => undefined,
            pdf: async () => new Uint8Array([37, 80, 68, 70]),
          }),
        }),
        close: async () => void (open -= 1),
      };
    };
    const render = chromiumPdfRenderer({
      env: { EARSHOT_CHROMIUM: '/usr/bin/chromium' },
      logger: silentLogger(),
      load: async () => ({ chromium: { launch } }),
    });
    const prints = Array.from({ length: 1 + PDF_MAX_WAITING }, () => render('<p>x</p>'));
    const refused = await render('<p>one too many</p>');
    expect(!refused.ok && refused.error).toEqual({
      code: 'rate-limited',
      message: expect.stringMatching(/busy.*HTML/),
    });
    for (let done = 0; done < prints.length; done += 1) {
      await vi.waitFor(() => expect(held.length).toBe(done + 1));
      held[done]?.();
    }
    expect((await Promise.all(prints)).map((r) => r.ok)).toEqual(prints.map(() => true));
    expect(most).toBe(1);
  });

  it('says what is missing when there is no Chromium', async () => {
    const render = chromiumPdfRenderer({ env: { EARSHOT_CHROMIUM: '/nonexistent/chromium' }, logger: silentLogger() });
    const pdf = await render('<p>x</p>');
    expect(!pdf.ok && pdf.error.message).toMatch(/no Chromium found.*EARSHOT_CHROMIUM.*HTML post-mortem works/);
  });
});
