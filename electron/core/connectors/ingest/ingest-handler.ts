import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import type { CredentialVault } from '../../runtime/credentials';
import type { Logger } from '../../runtime/logger';
import type { IngestChannelPolicy } from './ingest-factory';
import { IngestEnvelopeSchema, IngestItemSchema, INGEST_MAX_ITEMS, toRawMention } from './ingest-schema';

/** What the webhook needs from the hub. `commit` normalizes, enriches and stores, deduplicating by external id. */
export interface IngestDeps {
  readonly vault: CredentialVault;
  commit(sourceId: string, items: ReadonlyArray<RawMention>): Promise<{ inserted: number; duplicates: number }>;
  /** The channel policy of an enabled ingest source; undefined for any other id. */
  sourcePolicy(sourceId: string): IngestChannelPolicy | undefined;
  readonly logger: Logger;
}

/** Who is calling: enough to authorize before the host reads a body. */
export interface IngestCaller {
  readonly sourceId: string;
  readonly authorization: string | undefined;
}

/** One request as the host's HTTP server hands it over (body already JSON-parsed and size-capped). */
export interface IngestRequest extends IngestCaller {
  readonly body: unknown;
}

/** An item that failed validation, by its position in the request. */
export interface IngestRejection {
  readonly index: number;
  readonly error: string;
}

/** The response body: a batch summary, or an error. */
export type IngestResponseBody =
  | {
      readonly accepted: number;
      readonly duplicates: number;
      /** Items whose claimed channel the source may not use: stored under the source's own channel. */
      readonly reattributed: number;
      readonly rejected: ReadonlyArray<IngestRejection>;
    }
  | { readonly error: string; readonly message: string; readonly rejected?: ReadonlyArray<IngestRejection> };

/** What the host writes back: status, JSON body, and extra headers (WWW-Authenticate on 401). */
export interface IngestResponse {
  readonly status: number;
  readonly body: IngestResponseBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The webhook, `POST /api/ingest/{sourceId}` with `Authorization: Bearer <token>`: calling it authorizes, then
 * validates and stores the body. `authorize` alone lets a host refuse before it reads a body.
 */
export interface IngestHandler {
  (req: IngestRequest): Promise<IngestResponse>;
  /** null when the caller may send its body, else the 401 to answer: the same for an unknown source and a bad token. */
  authorize(caller: IngestCaller): Promise<IngestResponse | null>;
}

const fail = (status: number, error: string, message: string, headers?: Record<string, string>): IngestResponse => ({
  status,
  body: { error, message },
  ...(headers ? { headers } : {}),
});

const REALM = `Bearer realm="earshot-ingest"`;
const TOKEN_REQUIRED = fail(401, 'unauthorized', 'A bearer token is required.', { 'WWW-Authenticate': REALM });
const TOKEN_INVALID = fail(401, 'unauthorized', 'The bearer token is invalid.', {
  'WWW-Authenticate': `${REALM}, error="invalid_token"`,
});

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares two secrets in constant time regardless of their lengths. */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

async function authorize(deps: IngestDeps, caller: IngestCaller): Promise<IngestResponse | null> {
  const given = bearerToken(caller.authorization);
  if (given === null) return TOKEN_REQUIRED;
  const known = deps.sourcePolicy(caller.sourceId) !== undefined;
  const stored = known ? ((await deps.vault.get(caller.sourceId))?.token ?? '') : '';
  // Compared even for an unknown source, so both refusals take the same path.
  if (tokensMatch(given, stored) && known) return null;
  deps.logger.warn({ sourceId: caller.sourceId }, 'ingest: rejected token or unknown source');
  return TOKEN_INVALID;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`)
    .join('; ');
}

interface Validated {
  readonly items: RawMention[];
  readonly rejected: IngestRejection[];
  readonly reattributed: number;
}

function validateItems(raw: ReadonlyArray<unknown>, policy: IngestChannelPolicy): Validated {
  const items: RawMention[] = [];
  const rejected: IngestRejection[] = [];
  let reattributed = 0;
  raw.forEach((value, index) => {
    const parsed = IngestItemSchema.safeParse(value);
    if (!parsed.success) {
      rejected.push({ index, error: describe(parsed.error) });
      return;
    }
    const mention = toRawMention(parsed.data, policy);
    if (parsed.data.channel !== undefined && parsed.data.channel !== mention.channel) reattributed += 1;
    items.push(mention);
  });
  return { items, rejected, reattributed };
}

async function accept(deps: IngestDeps, sourceId: string, valid: Validated): Promise<IngestResponse> {
  const { items, rejected, reattributed } = valid;
  if (items.length === 0 && rejected.length > 0) {
    return { status: 422, body: { error: 'invalid-items', message: 'Every item was rejected.', rejected } };
  }
  try {
    const result = items.length > 0 ? await deps.commit(sourceId, items) : { inserted: 0, duplicates: 0 };
    deps.logger.info(
      { sourceId, accepted: result.inserted, duplicates: result.duplicates, reattributed, rejected: rejected.length },
      'ingest: batch',
    );
    return {
      status: 200,
      body: { accepted: result.inserted, duplicates: result.duplicates, reattributed, rejected },
    };
  } catch (error) {
    deps.logger.error({ sourceId, err: error }, 'ingest: commit failed');
    return fail(503, 'unavailable', 'The hub could not store the batch; retry later.');
  }
}

/**
 * Builds the ingest webhook. 401 missing token, 401 (the same answer for both) wrong token or no such ingest
 * source, 400 body not a mention object or `{ mentions: [...] }`, 413 more than 1000 items, 422 every item
 * invalid, 503 store failure, else 200 with `{ accepted, duplicates, reattributed, rejected: [{ index, error }] }`
 * (malformed items are rejected alone; items claiming a channel the source may not use are reattributed).
 */
export function createIngestHandler(deps: IngestDeps): IngestHandler {
  const handle = async (req: IngestRequest): Promise<IngestResponse> => {
    const denied = await authorize(deps, req);
    const policy = deps.sourcePolicy(req.sourceId);
    if (denied || !policy) return denied ?? TOKEN_INVALID;
    const envelope = IngestEnvelopeSchema.safeParse(req.body);
    if (!envelope.success) {
      return fail(400, 'bad-request', 'The body must be a JSON object: one mention, or { "mentions": [...] }.');
    }
    const raw =
      'mentions' in envelope.data && Array.isArray(envelope.data.mentions) ? envelope.data.mentions : [envelope.data];
    if (raw.length > INGEST_MAX_ITEMS) {
      return fail(413, 'too-many-items', `At most ${INGEST_MAX_ITEMS} mentions per request; got ${raw.length}.`);
    }
    return accept(deps, req.sourceId, validateItems(raw, policy));
  };
  return Object.assign(handle, { authorize: (caller: IngestCaller) => authorize(deps, caller) });
}
