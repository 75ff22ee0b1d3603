import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCard } from '../../electron/core/escalation/card';
import { slackMessage, teamsMessage } from '../../electron/core/escalation/formats/chat';
import { emailContent } from '../../electron/core/escalation/formats/email';
import { verifyWebhook, webhookBody } from '../../electron/core/escalation/formats/webhook';
import { escalationRig, type EscalationRig } from '../fixtures/receivers/escalation-harness';
import { startHttpReceiver, type HttpReceiver } from '../fixtures/receivers/http-receiver';
import { sampleIncident } from '../fixtures/receivers/sample-incident';
import { parseMail, startSmtpReceiver, type SmtpReceiver } from '../fixtures/receivers/smtp-receiver';

const WALL = 'https://wall.example.com/';
const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

async function receiver(...args: Parameters<typeof startHttpReceiver>): Promise<HttpReceiver> {
  const r = await startHttpReceiver(...args);
  opened.push(() => r.close());
  return r;
}

async function rig(config: unknown, secrets: Record<string, Record<string, string>>): Promise<EscalationRig> {
  const r = await escalationRig({ wallUrl: WALL, ...(config as object) }, secrets);
  opened.push(() => r.close());
  return r;
}

describe('Slack incoming webhook', () => {
  it('POSTs the Block Kit message as JSON to the vault URL; marks it sent on 200 "ok"; logs no URL', async () => {
    const slack = await receiver();
    const url = `${slack.url}/services/T0000/B0000/s3cr3tT0k3n`;
    const r = await rig(
      {
        targets: [{ id: 'slack-care', kind: 'slack', channel: '#care-incidents' }],
        routes: [{ targets: ['slack-care'] }],
      },
      { 'slack-care': { url } },
    );
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();

    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/services/T0000/B0000/s3cr3tT0k3n');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(slackMessage(buildCard(incident, 'opened', r.clock.now(), WALL)));
    expect(await r.escalation.deliveries('inc-1')).toEqual([
      {
        targetId: 'slack-care',
        targetKind: 'slack',
        transition: 'opened',
        status: 'sent',
        attempts: 1,
        createdAt: r.clock.now(),
        lastAttemptAt: r.clock.now(),
        lastError: null,
      },
    ]);
    expect(r.logText()).toContain('notification sent');
    expect(r.logText()).not.toContain('s3cr3tT0k3n');
  });

  it('treats Slack’s 404 no_service as permanent and keeps the URL out of the error', async () => {
    const slack = await receiver(() => ({ status: 404, body: 'no_service' }));
    const r = await rig(
      { targets: [{ id: 'slack-care', kind: 'slack' }], routes: [{ targets: ['slack-care'] }] },
      { 'slack-care': { url: `${slack.url}/services/T/B/t0k3nZZ` } },
    );
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    await r.clock.advance(3_600_000);
    await r.escalation.runOnce();
    expect(slack.requests).toHaveLength(1);
    const [delivery] = await r.escalation.deliveries('inc-1');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 404: no_service' });
    expect(r.logText()).not.toContain('t0k3nZZ');
  });

  it('waits for a missing vault URL, naming the env variable that would hold it', async () => {
    const r = await rig({ targets: [{ id: 'slack-care', kind: 'slack' }], routes: [{ targets: ['slack-care'] }] }, {});
    const incident = sampleIncident('inc-1', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    const [delivery] = await r.escalation.deliveries('inc-1');
    expect(delivery).toMatchObject({
      status: 'pending',
      lastError: 'no url (EARSHOT_SLACK_CARE_URL) in the credential vault for target slack-care',
    });
  });
});

describe('an unreadable vault', () => {
  it('keeps the notification pending with the vault’s own reason', async () => {
    const slack = await receiver();
    const broken = {
      get: async () => {
        throw new Error('Refusing to use the credentials file /x/credentials.json: its mode is 644');
      },
      set: async () => undefined,
    };
    const r = await escalationRig(
      { targets: [{ id: 'slack-care', kind: 'slack' }], routes: [{ targets: ['slack-care'] }] },
      {},
      { vault: broken },
    );
    opened.push(() => r.close());
    const incident = sampleIncident('inc-7', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    expect(slack.requests).toHaveLength(0);
    expect(await r.escalation.deliveries('inc-7')).toMatchObject([
      {
        status: 'pending',
        attempts: 1,
        lastError:
          'credential vault unreadable: Refusing to use the credentials file /x/credentials.json: its mode is 644',
      },
    ]);
  });
});

describe('Microsoft Teams Workflows webhook', () => {
  it('POSTs the Adaptive Card message and accepts the Workflows 202', async () => {
    const teams = await receiver(() => ({ status: 202 }));
    const url = `${teams.url}/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=S1GN4TURE`;
    const r = await rig(
      { targets: [{ id: 'teams-ops', kind: 'teams' }], routes: [{ targets: ['teams-ops'] }] },
      { 'teams-ops': { url } },
    );
    const incident = sampleIncident('inc-2', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    const [request] = teams.requests;
    expect(request?.path).toBe('/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=S1GN4TURE');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(teamsMessage(buildCard(incident, 'opened', r.clock.now(), WALL)));
    expect((await r.escalation.deliveries('inc-2'))[0]?.status).toBe('sent');
    expect(r.logText()).not.toContain('S1GN4TURE');
  });
});

describe('signed JSON webhook', () => {
  it('signs each delivery so the documented check verifies it, and the same request replayed later is refused', async () => {
    const hook = await receiver(() => ({ status: 204 }));
    const secret = 'whsec-9f8e7d';
    const r = await rig(
      { targets: [{ id: 'ops-hook', kind: 'webhook' }], routes: [{ targets: ['ops-hook'] }] },
      { 'ops-hook': { url: `${hook.url}/earshot`, secret } },
    );
    const incident = sampleIncident('inc-3', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();

    const [request] = hook.requests;
    const received = {
      timestamp: request?.headers['x-earshot-timestamp'] as string,
      signature: request?.headers['x-earshot-signature'] as string,
      body: request?.body ?? '',
    };
    expect(received.timestamp).toBe(String(Math.floor(r.clock.now() / 1000)));
    expect(request?.headers['x-earshot-delivery']).toBe('inc-3:ops-hook:opened:0');
    expect(received.body).toBe(
      webhookBody(buildCard(incident, 'opened', r.clock.now(), WALL), 'inc-3:ops-hook:opened:0'),
    );
    expect(verifyWebhook(received, secret, r.clock.now()).ok).toBe(true);
    const replay = verifyWebhook(received, secret, r.clock.now() + 10 * 60_000);
    expect(replay.ok ? 'accepted' : replay.error.code).toBe('webhook-replay');
    expect((await r.escalation.deliveries('inc-3'))[0]?.status).toBe('sent');
    expect(r.logText()).not.toContain(secret);
  });
});

describe('email over SMTP', () => {
  it('sends from/to/subject with the text and HTML bodies, authenticating with the vault password', async () => {
    const smtp: SmtpReceiver = await startSmtpReceiver('earshot', 'smtp-Pa55word');
    opened.push(() => smtp.close());
    const r = await rig(
      {
        targets: [
          {
            id: 'mail-leads',
            kind: 'email',
            host: '127.0.0.1',
            port: smtp.port,
            user: 'earshot',
            from: 'earshot@example.com',
            to: ['leads@example.com', 'care@example.com'],
          },
        ],
        routes: [{ targets: ['mail-leads'] }],
      },
      { 'mail-leads': { password: 'smtp-Pa55word' } },
    );
    const incident = sampleIncident('inc-4', r.clock.now(), { title: 'Card payments <declined> & "timing out"' });
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.from).toBe('earshot@example.com');
    expect(mail?.to).toEqual(['leads@example.com', 'care@example.com']);
    expect(mail?.user).toBe('earshot');
    const parsed = parseMail(mail?.raw ?? '');
    const expected = emailContent(buildCard(incident, 'opened', r.clock.now(), WALL));
    expect(parsed.subject).toBe('[Earshot] P2 · New incident: Card payments <declined> & "timing out"');
    expect(parsed.headers.get('x-earshot-delivery')).toBe('inc-4:mail-leads:opened:0');
    expect(parsed.parts.map((p) => p.contentType.split(';')[0])).toEqual(['text/plain', 'text/html']);
    expect(parsed.parts[0]?.body).toBe(expected.text);
    expect(parsed.parts[1]?.body).toBe(expected.html);
    expect(parsed.parts[1]?.body).toContain('Card payments &lt;declined&gt; &amp; &quot;timing out&quot;');
    expect((await r.escalation.deliveries('inc-4'))[0]?.status).toBe('sent');
    expect(r.logText()).not.toContain('smtp-Pa55word');
  });

  it('fails for good when the server refuses the password (535), without echoing it', async () => {
    const smtp = await startSmtpReceiver('earshot', 'right-password');
    opened.push(() => smtp.close());
    const r = await rig(
      {
        targets: [
          {
            id: 'mail',
            kind: 'email',
            host: '127.0.0.1',
            port: smtp.port,
            user: 'earshot',
            from: 'e@example.com',
            to: ['l@example.com'],
          },
        ],
        routes: [{ targets: ['mail'] }],
      },
      { mail: { password: 'wrong-password-123' } },
    );
    const incident = sampleIncident('inc-5', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    const [delivery] = await r.escalation.deliveries('inc-5');
    expect(delivery?.status).toBe('failed');
    expect(delivery?.lastError).toMatch(/^SMTP: /);
    expect(delivery?.lastError).not.toContain('wrong-password-123');
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('the README’s webhook verification snippet', () => {
  it('accepts a real delivery and refuses it tampered or replayed', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('function verifyEarshot(');
    const source = readme.slice(start, readme.indexOf('\n```', start));
    type Verify = (headers: Record<string, string>, body: string, secret: string) => boolean;
    const verify = new Function('createHmac', 'timingSafeEqual', 'Date', `${source}\nreturn verifyEarshot;`);
    const hook = await receiver(() => ({ status: 200 }));
    const r = await rig(
      { targets: [{ id: 'ops-hook', kind: 'webhook' }], routes: [{ targets: ['ops-hook'] }] },
      { 'ops-hook': { url: `${hook.url}/earshot`, secret: 's3cret-rotating' } },
    );
    const incident = sampleIncident('inc-6', r.clock.now());
    await r.store.saveIncident(incident);
    await r.escalation.notify(incident, 'opened');
    await r.escalation.runOnce();
    const [request] = hook.requests;
    const headers = request?.headers as Record<string, string>;
    const at = (ms: number) => ({ now: () => ms });
    const check = (now: number, body: string) =>
      (verify(createHmac, timingSafeEqual, at(now)) as Verify)(headers, body, 's3cret-rotating');
    expect(check(r.clock.now(), request?.body ?? '')).toBe(true);
    expect(check(r.clock.now(), `${request?.body ?? ''}x`)).toBe(false);
    expect(check(r.clock.now() + 6 * 60_000, request?.body ?? '')).toBe(false);
  });
});
