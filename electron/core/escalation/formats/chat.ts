import { listOrNone, rateLine, stateLine, transitionLabel, type NotificationCard } from '../card';

/**
 * The chat targets' wire formats. Slack: an incoming-webhook message with Block Kit blocks (header, section
 * fields, an actions block with a link button) and a `text` fallback for notifications. Teams: a Workflows
 * webhook body, a `message` carrying one Adaptive Card 1.4 attachment.
 */

/** Slack mrkdwn needs only &, < and > escaped (Slack "Formatting text for app surfaces"). */
export const slackEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** "P1 · New incident: Login failures" (Slack caps a header at 150 characters). */
export const headline = (card: NotificationCard): string =>
  `${card.severity} · ${transitionLabel(card)}: ${card.title}`;

/** The Slack incoming-webhook body for one card. */
export function slackMessage(card: NotificationCard): Record<string, unknown> {
  const field = (label: string, value: string) => ({
    type: 'mrkdwn',
    text: clip(`*${label}*\n${slackEscape(value)}`, 2000),
  });
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(headline(card), 150), emoji: true } },
    {
      type: 'section',
      fields: [
        field('Observed vs usual', rateLine(card)),
        field('Rising terms', listOrNone(card.risingTerms)),
        field('Channels', listOrNone(card.channels)),
        field('State', stateLine(card)),
      ],
    },
  ];
  if (card.note) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(slackEscape(card.note), 3000) } });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: slackEscape(`${card.watchlist} · ${card.series} · ${card.statistic}`) }],
  });
  if (card.link) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open on the wall' },
          url: card.link,
          action_id: 'earshot-open-incident',
        },
      ],
    });
  }
  return { text: slackEscape(headline(card)), blocks };
}

/** The Teams Workflows webhook body: one Adaptive Card 1.4 in a `message`. */
export function teamsMessage(card: NotificationCard): Record<string, unknown> {
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: headline(card),
        size: 'Large',
        weight: 'Bolder',
        wrap: true,
        color: card.severity === 'P1' ? 'Attention' : 'Default',
      },
      {
        type: 'FactSet',
        facts: [
          { title: 'Observed vs usual', value: rateLine(card) },
          { title: 'Rising terms', value: listOrNone(card.risingTerms) },
          { title: 'Channels', value: listOrNone(card.channels) },
          { title: 'State', value: stateLine(card) },
        ],
      },
      ...(card.note ? [{ type: 'TextBlock', text: card.note, wrap: true }] : []),
      { type: 'TextBlock', text: `${card.watchlist} · ${card.series} · ${card.statistic}`, isSubtle: true, wrap: true },
    ],
  };
  if (card.link) content.actions = [{ type: 'Action.OpenUrl', title: 'Open on the wall', url: card.link }];
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}
