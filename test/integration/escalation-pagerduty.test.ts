import { afterEach, describe, expect, it } from 'vitest';
import { escalationRig, type EscalationRig } from '../fixtures/receivers/escalation-harness';
import {
  pagerDutyAccepted,
  startHttpReceiver,
  type HttpReceiver,
  type ReceivedRequest,
  type Reply,
} from '../fixtures/receivers/http-receiver';
import { sampleIncident, withWorkflow } from '../fixtures/receivers/sample-incident';

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A PagerDuty stand-in answering from `script` (then 202) and a rig routing escalations of P1/P2 to it. */
async function pagerDuty(script: Reply[] = [], maxAttempts = 8): Promise<{ pd: HttpReceiver; r: EscalationRig }> {
  const pd = await startHttpReceiver((n) => script[n] ?? pagerDutyAccepted('earshot-inc-1'));
  closers.push(() => pd.close());
  const r = await escalationRig(
    {
      wallUrl: 'https://wall.example.com/',
      maxAttempts,
      targets: [{ id: 'pd-identity', kind: 'pagerduty', url: `${pd.url}/v2/enqueue` }],
      routes: [{ targets: ['pd-identity'], severities: ['P1', 'P2'], on: ['escalated'] }],
    },
    { 'pd-identity': { routingKey: ROUTING_KEY } },
  );
  closers.push(() => r.close());
  return { pd, r };
}

const event = (request: ReceivedRequest | undefined): Record<string, unknown> =>
  JSON.parse(request?.body ?? '{}') as Record<string, unknown>;

describe('PagerDuty Events API v2', () => {
  it('triggers on escalate, then acknowledges and resolves the same alert by one dedup_key', async () => {
    const { pd, r } = await pagerDuty();
    let incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened'); // not routed to PagerDuty: the route starts on escalation
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(0);

    incident = withWorkflow(incident, { state: 'escalated', owner: 'Dana' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce();
    await r.clock.advance(60_000);
    incident = withWorkflow(incident, { state: 'escalated', acknowledgedAt: r.clock.now() });
    await r.escalation.notify(incident, 'acknowledged');
    await r.escalation.runOnce();
    await r.clock.advance(60_000);
    incident = withWorkflow(incident, { state: 'resolved' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'resolved');
    await r.escalation.runOnce();

    expect(pd.requests.map((q) => [q.method, q.path, q.headers['content-type']])).toEqual([
      ['POST', '/v2/enqueue', 'application/json'],
      ['POST', '/v2/enqueue', 'application/json'],
      ['POST', '/v2/enqueue', 'application/json'],
    ]);
    const [trigger, ack, resolve] = pd.requests.map(event);
    expect(trigger).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'earshot-inc-1',
      payload: { severity: 'error', source: 'earshot/brand', custom_details: { owner: 'Dana', state: 'escalated' } },
      links: [{ href: 'https://wall.example.com/?incident=inc-1', text: 'Open the incident on the Earshot wall' }],
    });
    expect(ack).toEqual({ routing_key: ROUTING_KEY, event_action: 'acknowledge', dedup_key: 'earshot-inc-1' });
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'earshot-inc-1' });
    const log = await r.escalation.deliveries('inc-1');
    expect(log.map((d) => [d.transition, d.status, d.attempts])).toEqual([
      ['escalated', 'sent', 1],
      ['acknowledged', 'sent', 1],
      ['resolved', 'sent', 1],
    ]);
    expect(r.logText()).not.toContain(ROUTING_KEY);
  });

  it('a reopened and re-escalated incident triggers and resolves again; a replayed resolve sends nothing', async () => {
    const { pd, r } = await pagerDuty();
    const actor = { id: 'u1', name: 'Dana', role: 'supervisor' as const, desk: 'desk 1' };
    const audit = (...actions: string[]) => actions.map((action) => ({ at: r.clock.now(), actor, action, detail: '' }));
    const step = async (incident: ReturnType<typeof sampleIncident>, transition: 'escalated' | 'resolved') => {
      await r.store.saveIncident(incident);
      await r.escalation.notify(incident, transition);
      await r.escalation.runOnce();
      await r.clock.advance(60_000);
    };
    const base = sampleIncident('inc-1', r.clock.now());
    await step(withWorkflow(base, { state: 'escalated', audit: audit('incident:escalate') }), 'escalated');
    const resolved = withWorkflow(base, { state: 'resolved', audit: audit('incident:escalate', 'incident:resolve') });
    await step(resolved, 'resolved');
    await step(resolved, 'resolved'); // the workflow replays its last notification: ignored
    const again = audit('incident:escalate', 'incident:resolve', 'incident:reopen', 'incident:escalate');
    await step(withWorkflow(base, { state: 'escalated', audit: again }), 'escalated');
    await step(withWorkflow(base, { state: 'resolved', audit: [...again, ...audit('incident:resolve')] }), 'resolved');
    expect(pd.requests.map((q) => event(q).event_action)).toEqual(['trigger', 'resolve', 'trigger', 'resolve']);
    expect(new Set(pd.requests.map((q) => event(q).dedup_key))).toEqual(new Set(['earshot-inc-1']));
  });

  it('honours Retry-After on a 429: no retry before it, then success', async () => {
    const { pd, r } = await pagerDuty([{ status: 429, headers: { 'retry-after': '120' }, body: '' }]);
    const incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce();
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([
      { status: 'pending', attempts: 1, lastError: 'HTTP 429' },
    ]);

    await r.clock.advance(119_000);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(1);
    await r.clock.advance(1_000);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(2);
    expect(event(pd.requests[1])).toEqual(event(pd.requests[0]));
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  it('retries 5xx with exponential backoff (jitter pinned at 0.5: 2.5 s, then 5 s)', async () => {
    const fail = { status: 503, body: '{"status":"unavailable"}' };
    const { pd, r } = await pagerDuty([fail, fail]);
    const incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce();
    expect((await r.escalation.deliveries('inc-1'))[0]?.lastError).toBe('HTTP 503: {"status":"unavailable"}');
    await r.clock.advance(2_499);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(1);
    await r.clock.advance(1);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(2);
    await r.clock.advance(4_999);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(2);
    await r.clock.advance(1);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(3);
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([{ status: 'sent', attempts: 3 }]);
  });

  it('gives up after maxAttempts of 5xx, as failed', async () => {
    const { pd, r } = await pagerDuty(
      Array.from({ length: 10 }, () => ({ status: 500 })),
      3,
    );
    const incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    for (let i = 0; i < 6; i++) {
      await r.escalation.runOnce();
      await r.clock.advance(10 * 60_000);
    }
    expect(pd.requests).toHaveLength(3);
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([
      { status: 'failed', attempts: 3, lastError: 'HTTP 500' },
    ]);
  });

  it('treats 400 (invalid event) as permanent: one request, failed, the reason kept', async () => {
    const invalid = {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ["Length of 'routing_key' is incorrect"],
      }),
    };
    const { pd, r } = await pagerDuty([invalid]);
    const incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce();
    await r.clock.advance(3_600_000);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(1);
    const [delivery] = await r.escalation.deliveries('inc-1');
    expect(delivery?.status).toBe('failed');
    expect(delivery?.lastError).toContain('HTTP 400: {"status":"invalid event"');
  });

  it('scrubs the routing key and any URL from an error body that echoes them', async () => {
    const echo = { status: 400, body: `bad routing_key ${ROUTING_KEY}, see https://developer.pagerduty.com/x?k=1` };
    const { r } = await pagerDuty([echo]);
    const incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce();
    const [delivery] = await r.escalation.deliveries('inc-1');
    expect(delivery?.lastError).toBe('HTTP 400: bad routing_key [redacted], see [url]');
    expect(r.logText()).not.toContain(ROUTING_KEY);
  });

  it('never lets a resolve overtake a trigger still being retried', async () => {
    const { pd, r } = await pagerDuty([{ status: 502 }]);
    let incident = withWorkflow(sampleIncident('inc-1', r.clock.now()), { state: 'escalated' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'escalated');
    await r.escalation.runOnce(); // 502: the trigger waits 2.5 s
    incident = withWorkflow(incident, { state: 'resolved' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'resolved');
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(1);
    await r.clock.advance(2_500);
    await r.escalation.runOnce();
    await r.clock.advance(1);
    await r.escalation.runOnce();
    expect(pd.requests.map((q) => event(q).event_action)).toEqual(['trigger', 'trigger', 'resolve']);
  });
});
