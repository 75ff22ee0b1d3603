import type { IncomingMessage, ServerResponse } from 'node:http';
import { INGEST_MAX_BYTES } from '../core';

/**
 * After refusing a body, how much more of it is read (and dropped) before the connection is cut. Closing a
 * socket with unread input makes the kernel answer with a reset, which can wipe the refusal at the client.
 */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** What the ingest route answers: status, JSON body, extra headers. */
export interface IngestReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Who is calling an ingest route. */
export interface IngestRouteCaller {
  readonly sourceId: string;
  readonly authorization: string | undefined;
}

/** A push endpoint, POST /api/ingest/{sourceId}: authorized before its body is read, then called with it. */
export interface IngestRoute {
  (req: IngestRouteCaller & { readonly body: unknown }): Promise<IngestReply>;
  /** null when the caller may send its body, else the refusal (the same for unknown sources and bad tokens). */
  authorize(caller: IngestRouteCaller): Promise<IngestReply | null>;
}

const reply = (status: number, error: string, message: string): IngestReply => ({ status, body: { error, message } });
const TOO_LARGE = reply(413, 'too-large', `The body is larger than ${INGEST_MAX_BYTES} bytes.`);
const NOT_JSON_TYPE = reply(415, 'unsupported-media-type', 'Content-Type must be application/json.');
const NOT_JSON = reply(400, 'bad-request', 'The body is not valid JSON.');

/**
 * Serves one ingest POST: 401 before any body is read, 415 unless the body is JSON, 413 (a JSON answer, then
 * `Connection: close`) over 1 MiB, 400 for JSON that does not parse; the route answers the rest.
 */
export async function handleIngestHttp(
  route: IngestRoute,
  sourceId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const caller = { sourceId, authorization: req.headers.authorization };
  const denied = await route.authorize(caller);
  if (denied) return refuse(req, res, denied);
  if (!isJsonType(req.headers['content-type'])) return refuse(req, res, NOT_JSON_TYPE);
  if (Number(req.headers['content-length'] ?? 0) > INGEST_MAX_BYTES) return refuse(req, res, TOO_LARGE);
  const text = await readBody(req, INGEST_MAX_BYTES);
  if (text === null) return refuse(req, res, TOO_LARGE);
  const body = parseJson(text);
  if (body === undefined) return send(res, NOT_JSON);
  return send(res, await route({ ...caller, body }));
}

/** True for `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function writeReply(res: ServerResponse, answer: IngestReply, close: boolean): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.write(text);
}

function send(res: ServerResponse, answer: IngestReply): void {
  writeReply(res, answer, false);
  res.end();
}

/**
 * Answers before (the rest of) a body was read: the whole response goes out at once, the unread input is
 * drained (up to MAX_DRAIN_BYTES) and only then is the response ended, which closes the connection cleanly.
 */
function refuse(req: IncomingMessage, res: ServerResponse, answer: IngestReply): void {
  writeReply(res, answer, true);
  if (req.readableEnded) {
    res.end();
    return;
  }
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.once('end', () => res.end());
  req.once('error', () => res.destroy());
  req.resume();
}

/** Reads a request body up to `limit` bytes; null as soon as it is larger (the rest is left unread). */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', reject);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      done();
      req.pause();
      resolve(null);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
