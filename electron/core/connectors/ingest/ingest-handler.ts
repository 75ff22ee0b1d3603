import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import type { CredentialVault } from '../../runtime/credentials';
import type { Logger } from '../../runtime/logger';
import { IngestEnvelopeSchema, IngestItemSchema, INGEST_MAX_ITEMS, toRawMention } from './ingest-schema';

/** What the webhook needs from the hub. `commit` normalizes, enriches and stores, deduplicating by external id. */
export interface IngestDeps {
  readonly vault: CredentialVault;
  commit(sourceId: string, items: ReadonlyArray<RawMention>): Promise<{ inserted: number; duplicates: number }>;
  knownSource(sourceId: string): boolean;
  readonly logger: Logger;
}

/** One request as the host's HTTP server hands it over (body already JSON-parsed and size-capped). */
export interface IngestRequest {
  readonly sourceId: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** An item that failed validation, by its position in the request. */
export interface IngestRejection {
  readonly index: number;
  readonly error: string;
}

/** The response body: a batch summary, or an error. */
export type IngestResponseBody =
  | { readonly accepted: number; readonly duplicates: number; readonly rejected: ReadonlyArray<IngestRejection> }
  | { readonly error: string; readonly message: string; readonly rejected?: ReadonlyArray<IngestRejection> };

/** What the host writes back: status, JSON body, and extra headers (WWW-Authenticate on 401). */
export interface IngestResponse {
  readonly status: number;
  readonly body: IngestResponseBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The webhook: `POST /api/ingest/{sourceId}` with `Authorization: Bearer <token>`. */
export type IngestHandler = (req: IngestRequest) => Promise<IngestResponse>;

const fail = (status: number, error: string, message: string, headers?: Record<string, string>): IngestResponse => ({
  status,
  body: { error, message },
  ...(headers ? { headers } : {}),
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

async function authorize(deps: IngestDeps, req: IngestRequest): Promise<IngestResponse | null> {
  const realm = `Bearer realm="earshot-ingest"`;
  const given = bearerToken(req.authorization);
  if (given === null) return fail(401, 'unauthorized', 'A bearer token is required.', { 'WWW-Authenticate': realm });
  const stored = (await deps.vault.get(req.sourceId))?.token;
  if (!stored || !tokensMatch(given, stored)) {
    deps.logger.warn({ sourceId: req.sourceId }, 'ingest: rejected token');
    return fail(401, 'unauthorized', 'The bearer token is invalid.', {
      'WWW-Authenticate': `${realm}, error="invalid_token"`,
    });
  }
  return null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`)
    .join('; ');
}

function validateItems(raw: ReadonlyArray<unknown>): { items: RawMention[]; rejected: IngestRejection[] } {
  const items: RawMention[] = [];
  const rejected: IngestRejection[] = [];
  raw.forEach((value, index) => {
    const parsed = IngestItemSchema.safeParse(value);
    if (parsed.success) items.push(toRawMention(parsed.data));
    else rejected.push({ index, error: describe(parsed.error) });
  });
  return { items, rejected };
}

async function accept(deps: IngestDeps, sourceId: string, raw: ReadonlyArray<unknown>): Promise<IngestResponse> {
  const { items, rejected } = validateItems(raw);
  if (items.length === 0 && rejected.length > 0) {
    return { status: 422, body: { error: 'invalid-items', message: 'Every item was rejected.', rejected } };
  }
  try {
    const result = items.length > 0 ? await deps.commit(sourceId, items) : { inserted: 0, duplicates: 0 };
    deps.logger.info(
      { sourceId, accepted: result.inserted, duplicates: result.duplicates, rejected: rejected.length },
      'ingest: batch',
    );
    return { status: 200, body: { accepted: result.inserted, duplicates: result.duplicates, rejected } };
  } catch (error) {
    deps.logger.error({ sourceId, err: error }, 'ingest: commit failed');
    return fail(503, 'unavailable', 'The hub could not store the batch; retry later.');
  }
}

/**
 * Builds the ingest webhook. 404 unknown source, 401 bad or missing token, 400 body not a mention object or
 * `{ mentions: [...] }`, 413 more than 1000 items, 422 every item invalid, 503 store failure, else 200 with
 * `{ accepted, duplicates, rejected: [{ index, error }] }` (malformed items are rejected alone).
 */
export function createIngestHandler(deps: IngestDeps): IngestHandler {
  return async (req) => {
    if (!deps.knownSource(req.sourceId)) return fail(404, 'not-found', `No ingest source "${req.sourceId}".`);
    const denied = await authorize(deps, req);
    if (denied) return denied;
    const envelope = IngestEnvelopeSchema.safeParse(req.body);
    if (!envelope.success) {
      return fail(400, 'bad-request', 'The body must be a JSON object: one mention, or { "mentions": [...] }.');
    }
    const raw =
      'mentions' in envelope.data && Array.isArray(envelope.data.mentions) ? envelope.data.mentions : [envelope.data];
    if (raw.length > INGEST_MAX_ITEMS) {
      return fail(413, 'too-many-items', `At most ${INGEST_MAX_ITEMS} mentions per request; got ${raw.length}.`);
    }
    return accept(deps, req.sourceId, raw);
  };
}
