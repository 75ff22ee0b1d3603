import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/core/escalation/send-http';
import { escalationRig, type EscalationRig } from '../fixtures/receivers/escalation-harness';
import { pagerDutyAccepted, startHttpReceiver, type HttpReceiver } from '../fixtures/receivers/http-receiver';
import { sampleIncident, withWorkflow } from '../fixtures/receivers/sample-incident';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const MIN = 60_000;

async function setup(config: object = {}): Promise<{ pd: HttpReceiver; slack: HttpReceiver; r: EscalationRig }> {
  const pd = await startHttpReceiver(() => pagerDutyAccepted('earshot-inc-1'));
  const slack = await startHttpReceiver();
  closers.push(
    () => pd.close(),
    () => slack.close(),
  );
  const r = await escalationRig(
    {
      targets: [
        { id: 'pd', kind: 'pagerduty', url: `${pd.url}/v2/enqueue` },
        { id: 'slack', kind: 'slack' },
      ],
      routes: [{ targets: ['pd', 'slack'] }],
      ...config,
    },
    { pd: { routingKey: 'rk-1' }, slack: { url: `${slack.url}/hook` } },
  );
  closers.push(() => r.close());
  return { pd, slack, r };
}

describe('the outbox across a crash and restart', () => {
  it('crash before sending: the queued notification survives and is sent exactly once after restart', async () => {
    const { pd, slack, r } = await setup();
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.crash(); // nothing sent yet

    expect(pd.requests).toHaveLength(0);
    await r.escalation.notify(incident, 'opened'); // the workflow replaying its last transition changes nothing
    await r.escalation.runOnce();
    await r.clock.advance(60 * MIN);
    await r.escalation.runOnce();
    await r.restart();
    await r.escalation.runOnce();
    await r.escalation.notify(incident, 'opened'); // and once it is sent, replaying it sends nothing
    await r.escalation.runOnce();

    expect(pd.requests).toHaveLength(1);
    expect(slack.requests).toHaveLength(1);
    const log = await r.escalation.deliveries('inc-1');
    expect(log.map((d) => [d.targetId, d.transition, d.status, d.attempts])).toEqual([
      ['pd', 'opened', 'sent', 1],
      ['slack', 'opened', 'sent', 1],
    ]);
  });

  it('crash after the target got it but before it was marked sent: sent again (at least once), same dedup_key', async () => {
    const { pd, r } = await setup({ routes: [{ targets: ['pd'] }] });
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    // The process dies while the answer is on its way: the request reached PagerDuty, the store never heard.
    const dying: FetchLike = async (url, init) => {
      await fetch(url, init);
      return new Promise<Response>(() => undefined);
    };
    await r.restart({ fetch: dying });
    await r.escalation.notify(incident, 'opened');
    void r.escalation.runOnce();
    await pd.waitFor(1);
    await r.crash();

    expect(await r.escalation.deliveries('inc-1')).toMatchObject([{ status: 'pending', attempts: 1 }]);
    await r.escalation.runOnce();
    expect(pd.requests).toHaveLength(2);
    const keys = pd.requests.map((q) => JSON.parse(q.body) as { dedup_key: string; event_action: string });
    expect(keys).toEqual([
      expect.objectContaining({ dedup_key: 'earshot-inc-1', event_action: 'trigger' }),
      expect.objectContaining({ dedup_key: 'earshot-inc-1', event_action: 'trigger' }),
    ]);
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('the started worker delivers on its own, on the injected clock, and stops cleanly', async () => {
    const { pd, r } = await setup({ routes: [{ targets: ['pd'], groupWaitSeconds: 30 }] });
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    r.escalation.start();
    await r.escalation.notify(incident, 'opened');
    await r.escalation.idle();
    expect(pd.requests).toHaveLength(0); // group wait
    await r.clock.advance(29_000);
    await r.escalation.idle();
    expect(pd.requests).toHaveLength(0);
    await r.clock.advance(1_000);
    await pd.waitFor(1);
    await r.escalation.idle();
    expect(await r.escalation.deliveries('inc-1')).toMatchObject([{ status: 'sent' }]);
    await r.escalation.stop();
    expect(r.clock.pending()).toBe(0);
  });

  it('an incident acknowledged during the group wait is never announced, and its resolve is not sent', async () => {
    const { slack, r } = await setup({ routes: [{ targets: ['slack'], groupWaitSeconds: 30 }] });
    let incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    incident = withWorkflow(incident, { state: 'acknowledged', owner: 'Dana' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'acknowledged');
    await r.clock.advance(31_000);
    await r.escalation.runOnce(); // the acknowledgement waits for the opened row before it (1 ms after it)
    await r.clock.advance(1);
    await r.escalation.runOnce();
    expect(slack.requests).toHaveLength(0);
    const log = await r.escalation.deliveries('inc-1');
    expect(log.map((d) => [d.transition, d.status, d.lastError])).toEqual([
      ['opened', 'failed', 'superseded: acknowledged before it went out'],
      ['acknowledged', 'failed', 'skipped: this target was never told of the incident'],
    ]);
  });
});

describe('reminders and the flood cap, end to end on the store', () => {
  it('reminds Slack every 30 minutes until acknowledged, never PagerDuty; acknowledging stops them', async () => {
    const { pd, slack, r } = await setup({ routes: [{ targets: ['pd', 'slack'], repeatIntervalMinutes: 30 }] });
    let incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    for (let i = 0; i < 4; i++) {
      await r.clock.advance(15 * MIN);
      await r.escalation.runOnce();
    }
    expect(slack.requests).toHaveLength(3); // opened, +30 min, +60 min
    incident = withWorkflow(incident, { state: 'acknowledged', owner: 'Dana' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'acknowledged');
    for (let i = 0; i < 8; i++) {
      await r.clock.advance(15 * MIN);
      await r.escalation.runOnce();
    }
    expect(slack.requests).toHaveLength(4); // + the acknowledgement, no reminder after it
    expect(pd.requests.map((q) => (JSON.parse(q.body) as { event_action: string }).event_action)).toEqual([
      'trigger',
      'acknowledge',
    ]);
    const slackLog = (await r.escalation.deliveries('inc-1')).filter((d) => d.targetId === 'slack');
    expect(slackLog.map((d) => d.transition)).toEqual(['opened', 'repeat', 'repeat', 'acknowledged']);
  });

  it('acknowledging stops reminders even when the stored incident is detection’s view only (no workflow)', async () => {
    const { slack, r } = await setup({ routes: [{ targets: ['slack'], repeatIntervalMinutes: 30 }] });
    const detectionView = { ...sampleIncident('inc-1', r.clock.now()), workflow: undefined };
    await r.store.saveIncident(detectionView); // detection still says "open" throughout
    await r.escalation.notify(detectionView, 'opened');
    await r.escalation.runOnce();
    await r.clock.advance(30 * MIN);
    await r.escalation.runOnce();
    expect(slack.requests).toHaveLength(2);
    await r.escalation.notify(withWorkflow(detectionView, { state: 'acknowledged' }), 'acknowledged');
    for (let i = 0; i < 4; i++) {
      await r.clock.advance(30 * MIN);
      await r.escalation.runOnce();
    }
    expect((await r.escalation.deliveries('inc-1')).map((d) => d.transition)).toEqual([
      'opened',
      'repeat',
      'acknowledged',
    ]);
  });

  it('a flapping series opening an incident every 3 minutes reaches each target at most the cap per rolling hour', async () => {
    const { pd, slack, r } = await setup({ maxPerTargetPerHour: 5 });
    for (let i = 0; i < 22; i++) {
      const incident = sampleIncident(`flap-${i}`, r.clock.now());
      await r.store.saveIncident(incident);
      await r.escalation.notify(incident, 'opened');
      await r.escalation.runOnce();
      await r.clock.advance(3 * MIN);
    }
    // 0, 3, 6, 9, 12 min; then nothing until the 0-min one leaves the window; 63 min goes again.
    expect(slack.requests).toHaveLength(6);
    expect(pd.requests).toHaveLength(6);
    const capped = await r.escalation.deliveries('flap-5');
    expect(capped.map((d) => d.lastError)).toEqual([
      'suppressed: 5 notifications to this target in the last hour',
      'suppressed: 5 notifications to this target in the last hour',
    ]);
    expect((await r.escalation.deliveries('flap-20')).map((d) => d.status)).toEqual(['failed', 'failed']);
    expect((await r.escalation.deliveries('flap-21')).map((d) => d.status)).toEqual(['sent', 'sent']);
  });
});
