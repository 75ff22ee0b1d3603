import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../electron/core/escalation/card';
import { slackMessage, teamsMessage } from '../../../electron/core/escalation/formats/chat';
import { emailContent, htmlEscape } from '../../../electron/core/escalation/formats/email';
import { dedupKey, pagerDutyEvent } from '../../../electron/core/escalation/formats/pagerduty';
import { signWebhook, verifyWebhook, webhookBody } from '../../../electron/core/escalation/formats/webhook';
import { sampleIncident, withWorkflow } from '../../fixtures/receivers/sample-incident';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const WALL = 'https://wall.example.com/';
const incident = sampleIncident('inc-1', T0);
const card = buildCard(incident, 'opened', T0 + 60_000, WALL);

describe('the notification card', () => {
  it('freezes what every target shows: severity, title, observed vs usual, terms, channels, state, link', () => {
    expect(card).toEqual({
      incidentId: 'inc-1',
      transition: 'opened',
      title: 'Login failures after the 9:00 release',
      severity: 'P2',
      state: 'new',
      owner: null,
      watchlist: 'brand',
      series: 'topic:login',
      observedPerMinute: 14,
      baselinePerMinute: 1.2,
      statistic: 'score 0.998, 11.7× baseline',
      risingTerms: ['log in', 'error 503'],
      topics: ['login'],
      channels: ['x', 'reddit'],
      openedAt: T0,
      at: T0 + 60_000,
      link: 'https://wall.example.com/?incident=inc-1',
      note: null,
      falseAlarm: false,
    });
  });
});

describe('Slack Block Kit', () => {
  it('is a header, a section of fields, context and a link button, with a text fallback', () => {
    expect(slackMessage(card)).toEqual({
      text: 'P2 · New incident: Login failures after the 9:00 release',
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: 'P2 · New incident: Login failures after the 9:00 release', emoji: true },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Observed vs usual*\n14/min (usual 1.2/min)' },
            { type: 'mrkdwn', text: '*Rising terms*\nlog in, error 503' },
            { type: 'mrkdwn', text: '*Channels*\nx, reddit' },
            { type: 'mrkdwn', text: '*State*\nnew · no owner' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'brand · topic:login · score 0.998, 11.7× baseline' }] },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Open on the wall' },
              url: 'https://wall.example.com/?incident=inc-1',
              action_id: 'earshot-open-incident',
            },
          ],
        },
      ],
    });
  });

  it('escapes &, < and > so a title cannot ping @channel or forge a link', () => {
    const hostile = buildCard({ ...incident, title: '<!channel> <http://evil|click> & co' }, 'opened', T0);
    const message = slackMessage(hostile) as { text: string };
    expect(message.text).toBe('P2 · New incident: &lt;!channel&gt; &lt;http://evil|click&gt; &amp; co');
  });

  it('caps the header at Slack’s 150 characters', () => {
    const long = slackMessage(buildCard({ ...incident, title: 'x'.repeat(300) }, 'opened', T0));
    const header = (long.blocks as Array<{ text: { text: string } }>)[0]?.text.text ?? '';
    expect(header.length).toBe(150);
  });
});

describe('Teams Adaptive Card', () => {
  it('is a Workflows message carrying one Adaptive Card 1.4 with facts and an Open URL action', () => {
    const acked = buildCard(withWorkflow(incident, { state: 'acknowledged', owner: 'Dana' }), 'acknowledged', T0, WALL);
    expect(teamsMessage(acked)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: 'P2 · Acknowledged: Login failures after the 9:00 release',
                size: 'Large',
                weight: 'Bolder',
                wrap: true,
                color: 'Default',
              },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Observed vs usual', value: '14/min (usual 1.2/min)' },
                  { title: 'Rising terms', value: 'log in, error 503' },
                  { title: 'Channels', value: 'x, reddit' },
                  { title: 'State', value: 'acknowledged · owner Dana' },
                ],
              },
              {
                type: 'TextBlock',
                text: 'brand · topic:login · score 0.998, 11.7× baseline',
                isSubtle: true,
                wrap: true,
              },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'Open on the wall', url: 'https://wall.example.com/?incident=inc-1' },
            ],
          },
        },
      ],
    });
  });
});

describe('PagerDuty Events API v2', () => {
  it('triggers with summary, source, severity, timestamp, custom details and links', () => {
    const p1 = buildCard({ ...incident, severity: 'P1' }, 'escalated', T0 + 120_000, WALL);
    expect(pagerDutyEvent(p1, 'R0UTINGKEY')).toEqual({
      routing_key: 'R0UTINGKEY',
      event_action: 'trigger',
      dedup_key: 'earshot-inc-1',
      payload: {
        summary: 'P1 Login failures after the 9:00 release: 14/min (usual 1.2/min)',
        source: 'earshot/brand',
        severity: 'critical',
        timestamp: '2026-01-05T09:02:00.000Z',
        component: 'topic:login',
        group: 'brand',
        class: 'customer-reported breakdown',
        custom_details: {
          transition: 'Escalated',
          observed_per_minute: 14,
          usual_per_minute: 1.2,
          statistic: 'score 0.998, 11.7× baseline',
          rising_terms: 'log in, error 503',
          topics: 'login',
          channels: 'x, reddit',
          state: 'new',
          owner: 'none',
          opened_at: '2026-01-05T09:00:00.000Z',
        },
      },
      client: 'Earshot',
      client_url: 'https://wall.example.com/?incident=inc-1',
      links: [{ href: 'https://wall.example.com/?incident=inc-1', text: 'Open the incident on the Earshot wall' }],
    });
  });

  it('maps P1..P4 to critical, error, warning, info', () => {
    const severities = (['P1', 'P2', 'P3', 'P4'] as const).map((severity) => {
      const event = pagerDutyEvent(buildCard({ ...incident, severity }, 'opened', T0), 'k') as {
        payload: { severity: string };
      };
      return event.payload.severity;
    });
    expect(severities).toEqual(['critical', 'error', 'warning', 'info']);
  });

  it('acknowledges and resolves with only the routing key, action and the same dedup key', () => {
    expect(pagerDutyEvent(buildCard(incident, 'acknowledged', T0), 'k')).toEqual({
      routing_key: 'k',
      event_action: 'acknowledge',
      dedup_key: 'earshot-inc-1',
    });
    expect(pagerDutyEvent(buildCard(incident, 'resolved', T0), 'k')).toEqual({
      routing_key: 'k',
      event_action: 'resolve',
      dedup_key: 'earshot-inc-1',
    });
    expect(dedupKey('x'.repeat(400))).toHaveLength(255);
  });
});

describe('signed webhook', () => {
  const secret = 'whsec-test-1';
  const body = webhookBody(card, 'inc-1:hook:opened:0');
  const nowMs = T0 + 60_000;
  const ts = String(Math.floor(nowMs / 1000));

  it('signs HMAC-SHA256 over "timestamp.body" as v1=<hex>', () => {
    const signature = signWebhook(secret, Number(ts), body);
    // The documented algorithm, as a receiver would write it.
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signature).toBe(`v1=${expected}`);
    expect(verifyWebhook({ timestamp: ts, signature, body }, secret, nowMs)).toEqual({
      ok: true,
      value: { timestamp: Number(ts) },
    });
  });

  it('rejects a changed body, a wrong secret, a missing header and a replay outside the window', () => {
    const signature = signWebhook(secret, Number(ts), body);
    const code = (r: ReturnType<typeof verifyWebhook>) => (r.ok ? 'ok' : r.error.code);
    expect(code(verifyWebhook({ timestamp: ts, signature, body: `${body} ` }, secret, nowMs))).toBe(
      'webhook-signature',
    );
    expect(code(verifyWebhook({ timestamp: ts, signature, body }, 'other', nowMs))).toBe('webhook-signature');
    expect(code(verifyWebhook({ timestamp: null, signature, body }, secret, nowMs))).toBe('webhook-timestamp');
    expect(code(verifyWebhook({ timestamp: ts, signature, body }, secret, nowMs + 301_000))).toBe('webhook-replay');
    expect(code(verifyWebhook({ timestamp: ts, signature, body }, secret, nowMs + 299_000))).toBe('ok');
    expect(code(verifyWebhook({ timestamp: ts, signature: `v1=00,${signature}`, body }, secret, nowMs))).toBe('ok');
  });

  it('carries a documented JSON body', () => {
    expect(JSON.parse(body)).toMatchObject({
      type: 'incident.opened',
      deliveryId: 'inc-1:hook:opened:0',
      occurredAt: '2026-01-05T09:01:00.000Z',
      incident: {
        id: 'inc-1',
        severity: 'P2',
        state: 'new',
        usualPerMinute: 1.2,
        link: 'https://wall.example.com/?incident=inc-1',
      },
    });
  });
});

describe('email', () => {
  it('renders plain text and HTML with every value escaped, and a one-line subject', () => {
    const hostile = buildCard(
      { ...incident, title: '<script>alert(1)</script>\r\nBcc: x@evil.test', channels: ['x'] },
      'opened',
      T0,
      WALL,
    );
    const mail = emailContent(hostile);
    expect(mail.subject).toBe('[Earshot] P2 · New incident: <script>alert(1)</script> Bcc: x@evil.test');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('<a href="https://wall.example.com/?incident=inc-1">Open on the wall</a>');
    expect(mail.text).toContain('Observed vs usual: 14/min (usual 1.2/min)\n');
    expect(mail.text).toContain('Open on the wall: https://wall.example.com/?incident=inc-1\n');
    expect(htmlEscape(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});
