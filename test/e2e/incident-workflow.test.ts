/**
 * Issue 9, "What it must show": in Chromium against the real `earshot serve --demo --speed 60`, the scripted login
 * outage raises an incident; the user acknowledges it from the keyboard, escalates it (the PagerDuty receiver gets
 * `trigger` with the incident's `dedup_key`), resolves it (the receiver gets `resolve` with the same key), and the
 * wall's MTTA/MTTR update.
 *
 * Written against the contract before the hub side landed; what it assumes of the hub:
 * - config `escalation: { targets: [{ id: 'pd', kind: 'pagerduty', url: eventsUrl }], routes: [{ targets: ['pd'], on: ['escalated'] }] }`
 *   sends PagerDuty Events API v2 JSON to `eventsUrl` (here a loopback receiver's `/v2/enqueue`);
 * - the routing key is the credential `routingKey` of target `pd`, read from the environment as
 *   `EARSHOT_PD_ROUTINGKEY` (the vault's `EARSHOT_<ID>_<FIELD>` override);
 * - the embedded default user is an admin, so every workflow command is allowed from the wall;
 * - a route with no conditions matches every incident, and escalating sends `trigger`, resolving sends `resolve`,
 *   both with the incident's one `dedup_key`;
 * - `incidents:measures` counts the acknowledged and resolved incident in today's MTTA/MTTR for its severity.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub, type HubProcess } from './hub-process';

const byId = (id: string): string => `[data-testid="${id}"]`;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const ROUTING_KEY = 'e2e-routing-key-0123456789abcdef';

/** One PagerDuty Events API v2 event as the receiver got it. */
interface PagerDutyEvent {
  readonly routing_key?: unknown;
  readonly event_action?: unknown;
  readonly dedup_key?: unknown;
  readonly payload?: { readonly summary?: unknown; readonly source?: unknown; readonly severity?: unknown };
}

/** A loopback PagerDuty Events API v2: answers 202 to POST /v2/enqueue and lets the test wait for an event. */
class PagerDutyReceiver {
  readonly events: PagerDutyEvent[] = [];
  private readonly waiters: Array<{ match: (e: PagerDutyEvent) => boolean; resolve: (e: PagerDutyEvent) => void }> = [];
  private readonly server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.method !== 'POST' || req.url !== '/v2/enqueue') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
        return;
      }
      const event = JSON.parse(body) as PagerDutyEvent;
      this.events.push(event);
      res
        .writeHead(202, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: event.dedup_key }));
      for (const w of this.waiters.filter((w) => w.match(event))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(event);
      }
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2/enqueue`;
  }

  /** Resolves with the first event (already received or still to come) with this `event_action`. */
  next(action: string): Promise<PagerDutyEvent> {
    const match = (e: PagerDutyEvent): boolean => e.event_action === action;
    const seen = this.events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
  });
}

/** The page's document for predicates run in the browser (this file is type-checked without the DOM library). */
declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';

let receiver: PagerDutyReceiver;
let hub: HubProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  receiver = new PagerDutyReceiver();
  const eventsUrl = await receiver.listen();
  hub = await startHub({
    speed: 60,
    config: {
      escalation: {
        targets: [{ id: 'pd', kind: 'pagerduty', url: eventsUrl }],
        routes: [{ targets: ['pd'], on: ['escalated'] }],
      },
    },
    env: { EARSHOT_PD_ROUTINGKEY: ROUTING_KEY },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await receiver?.close();
});

/** The tile of incident `id`. */
const tileOf = (id: string) => page.locator(`${byId(TEST_IDS.incidentTile)}[data-incident-id="${id}"]`);

/** Waits until incident `id` shows workflow state `state`. */
async function stateIs(id: string, state: string): Promise<void> {
  await tileOf(id)
    .locator(byId(TEST_IDS.incidentState), { hasText: new RegExp(`^${state}$`) })
    .waitFor();
}

/** The MTTA / MTTR cell of a severity in the measures panel. */
const measure = (severity: string, which: 'mtta' | 'mttr') =>
  page.locator(`${byId(TEST_IDS.measuresRow)}[data-severity="${severity}"] [data-measure="${which}"]`);

/**
 * The MTTA / MTTR shown for incident `id`'s severity as it stands now (detection may upgrade a P2 to P1 while
 * the test runs, and the measures count it under its current severity).
 */
async function measureOf(id: string, which: 'mtta' | 'mttr'): Promise<string> {
  const severity = (await tileOf(id).getAttribute('data-severity')) ?? '';
  return (await measure(severity, which).textContent()) ?? '';
}

describe('owning a breakdown from the wall', () => {
  it('acknowledges from the keyboard, escalates to PagerDuty, resolves, and the MTTA/MTTR update', async () => {
    await page.goto(hub.url);
    await page.waitForFunction(isReady);
    await page.locator(byId(TEST_IDS.actorRole)).waitFor();

    // The scripted outage opens an incident about 10 s (real time) after start.
    const tile = page.locator(byId(TEST_IDS.incidentTile)).first();
    await tile.waitFor({ timeout: 50_000 });
    const id = (await tile.getAttribute('data-incident-id')) ?? '';
    expect(id).not.toBe('');
    const severity = ((await tile.getAttribute('data-severity')) ?? '').trim();
    expect(severity).toMatch(/^P[1-4]$/);
    await measure(severity, 'mtta').waitFor();
    expect(await measure(severity, 'mtta').textContent()).toBe('—');

    // Mark this incident for the triage keys (a newer, more severe one could otherwise take the top), then use them.
    await tile.locator('.incident-title').click();
    await tileOf(id).locator(byId(TEST_IDS.incidentTarget)).waitFor();
    await page.keyboard.press('a');
    await stateIs(id, 'acknowledged');
    await expect.poll(() => measureOf(id, 'mtta'), { timeout: 20_000 }).toMatch(/^\d+[smhd]/);

    await page.keyboard.press('e');
    await stateIs(id, 'escalated');
    const trigger = await receiver.next('trigger');
    expect(trigger.routing_key).toBe(ROUTING_KEY);
    expect(typeof trigger.dedup_key).toBe('string');
    expect(String(trigger.dedup_key)).not.toBe('');
    expect(typeof trigger.payload?.summary).toBe('string');

    await page.keyboard.press('r');
    const resolveForm = tileOf(id).getByRole('form', { name: 'Resolve the incident' });
    await resolveForm.waitFor();
    await page.keyboard.press('Enter');
    await stateIs(id, 'resolved');
    const resolved = await receiver.next('resolve');
    expect(resolved.dedup_key).toBe(trigger.dedup_key);
    expect(resolved.routing_key).toBe(ROUTING_KEY);
    await expect.poll(() => measureOf(id, 'mttr'), { timeout: 20_000 }).toMatch(/^\d+[smhd]/);
    expect(await measureOf(id, 'mtta')).toMatch(/^\d+[smhd]/);

    expect(problems).toEqual([]);
  }, 120_000);
});
