import { listOrNone, rateLine, stateLine, type NotificationCard } from '../card';
import { headline } from './chat';

/** An email rendered from a card: a subject, a plain-text body, and a simple HTML body with every value escaped. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export const htmlEscape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Subject lines are one line: CR/LF and other control characters become spaces. */
const oneLine = (text: string): string =>
  [...text]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .replace(/ +/g, ' ')
    .trim();

function rows(card: NotificationCard): ReadonlyArray<readonly [string, string]> {
  return [
    ['Observed vs usual', rateLine(card)],
    ['Rising terms', listOrNone(card.risingTerms)],
    ['Channels', listOrNone(card.channels)],
    ['State', stateLine(card)],
    ['Watchlist', card.watchlist],
    ['Signal', `${card.series} · ${card.statistic}`],
    ['Opened', new Date(card.openedAt).toISOString()],
    ...(card.note ? ([['Note', card.note]] as const) : []),
  ];
}

/** Renders the email for one card (pure). */
export function emailContent(card: NotificationCard): EmailContent {
  const subject = oneLine(`[Earshot] ${headline(card)}`).slice(0, 250);
  const lines = rows(card).map(([label, value]) => `${label}: ${value}`);
  const text = [headline(card), '', ...lines, ...(card.link ? ['', `Open on the wall: ${card.link}`] : [])].join('\n');
  const cells = rows(card)
    .map(([label, value]) => `<tr><th align="left">${htmlEscape(label)}</th><td>${htmlEscape(value)}</td></tr>`)
    .join('');
  const link = card.link ? `<p><a href="${htmlEscape(card.link)}">Open on the wall</a></p>` : '';
  const html = `<!doctype html><html><body><h2>${htmlEscape(headline(card))}</h2><table>${cells}</table>${link}</body></html>`;
  return { subject, text: `${text}\n`, html };
}
