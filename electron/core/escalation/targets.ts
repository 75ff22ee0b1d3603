import type { NotificationCard } from './card';
import { credentialEnvKey } from '../runtime/file-vault';
import { REQUIRED_SECRETS, type TargetConfig } from './escalation-config';
import { slackMessage, teamsMessage } from './formats/chat';
import { emailContent } from './formats/email';
import { pagerDutyEvent } from './formats/pagerduty';
import { signWebhook, webhookBody } from './formats/webhook';
import { postJson, scrub, type FetchLike, type SendOutcome } from './send-http';

/** The part of a nodemailer transport the email target uses. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    html: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
}

/** SMTP settings for one email target (the password from the vault). */
export interface SmtpOptions {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
}

/** Builds a mail transport; the default is nodemailer's `createTransport`. */
export type SmtpTransportFactory = (options: SmtpOptions) => MailTransport;

/** What a sender needs besides the card. */
export interface SendContext {
  readonly fetch: FetchLike;
  readonly smtp: SmtpTransportFactory;
  readonly now: number;
  /** The row id: the same on every retry, for receivers that drop duplicates. */
  readonly deliveryId: string;
}

/** Sends one card to one target with its vault values. Never throws. */
export async function sendToTarget(
  target: TargetConfig,
  secrets: Readonly<Record<string, string>>,
  card: NotificationCard,
  ctx: SendContext,
): Promise<SendOutcome> {
  const missing = REQUIRED_SECRETS[target.kind].filter((field) => !secrets[field]);
  if (missing.length > 0) {
    const names = missing.map((f) => `${f} (${credentialEnvKey(target.id, f)})`).join(', ');
    return { kind: 'retry', message: `no ${names} in the credential vault for target ${target.id}` };
  }
  const values = Object.values(secrets);
  const id = { 'x-earshot-delivery': ctx.deliveryId };
  switch (target.kind) {
    case 'slack':
      return postJson(ctx.fetch, secrets.url ?? '', JSON.stringify(slackMessage(card)), {}, values, ctx.now);
    case 'teams':
      return postJson(ctx.fetch, secrets.url ?? '', JSON.stringify(teamsMessage(card)), {}, values, ctx.now);
    case 'pagerduty': {
      const body = JSON.stringify(pagerDutyEvent(card, secrets.routingKey ?? ''));
      return postJson(ctx.fetch, target.url, body, {}, values, ctx.now);
    }
    case 'webhook': {
      const body = webhookBody(card, ctx.deliveryId);
      const timestamp = Math.floor(ctx.now / 1000);
      const headers = {
        ...id,
        'x-earshot-timestamp': String(timestamp),
        'x-earshot-signature': signWebhook(secrets.secret ?? '', timestamp, body),
      };
      return postJson(ctx.fetch, secrets.url ?? '', body, headers, values, ctx.now);
    }
    case 'email':
      return sendEmail(target, secrets, card, ctx);
  }
}

async function sendEmail(
  target: Extract<TargetConfig, { kind: 'email' }>,
  secrets: Readonly<Record<string, string>>,
  card: NotificationCard,
  ctx: SendContext,
): Promise<SendOutcome> {
  const pass = secrets.password;
  const options: SmtpOptions = {
    host: target.host,
    port: target.port,
    secure: target.secure,
    ...(target.user && pass ? { auth: { user: target.user, pass } } : {}),
  };
  const content = emailContent(card);
  try {
    const transport = ctx.smtp(options);
    await transport.sendMail({
      from: target.from,
      to: [...target.to],
      ...content,
      headers: { 'X-Earshot-Delivery': ctx.deliveryId },
    });
    return { kind: 'sent' };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    const message = `SMTP: ${scrub(error instanceof Error ? error.message : String(error), Object.values(secrets))}`;
    // 5xx is the server refusing for good (bad recipient, auth refused); 4xx and connection errors may pass later.
    return typeof code === 'number' && code >= 500 ? { kind: 'permanent', message } : { kind: 'retry', message };
  }
}
