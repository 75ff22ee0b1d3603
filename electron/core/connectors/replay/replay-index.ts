import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Channel, RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import { CsvParser, parseCsv, type CsvRecord } from './csv-parser';
import { JsonlParser, type JsonlLine } from './jsonl-parser';
import { mapRow, type ReplayRow } from './row-mapper';

/** The export formats replay reads. */
export type ReplayFormat = 'csv' | 'jsonl';

/** A row the index refused, with its 1-based line number. */
export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
}

/**
 * A file's rows in time order, without the rows themselves: per row only its time and byte range
 * (24 bytes), so a large export is indexed in one streaming pass and rows are re-read when released.
 */
export interface ReplayIndex {
  readonly path: string;
  readonly format: ReplayFormat;
  readonly defaultChannel: Channel;
  /** Lower-cased CSV header (empty for JSONL). */
  readonly header: ReadonlyArray<string>;
  readonly total: number;
  /** createdAt of the i-th row in time order (ties keep file order). */
  readonly times: Float64Array;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Every refused row counted; the first 10,000 kept with their line numbers. */
  readonly rejectedCount: number;
  readonly rejected: ReadonlyArray<RejectedRow>;
}

const KEEP_REJECTED = 10_000;

/** The format named by a file's extension (`.csv`, `.jsonl`/`.ndjson`), or null. */
export function formatFromPath(path: string): ReplayFormat | null {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return null;
}

interface Entry {
  time: number;
  start: number;
  end: number;
}

/** Streams the file once, validating every row, and sorts an index of the good ones by time. */
export async function buildReplayIndex(
  path: string,
  format: ReplayFormat,
  defaultChannel: Channel,
): Promise<Result<ReplayIndex>> {
  const entries: Entry[] = [];
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  const reject = (line: number, reason: string) => {
    rejectedCount++;
    if (rejected.length < KEEP_REJECTED) rejected.push({ line, reason });
  };
  const accept = (row: ReplayRow, start: number, end: number, line: number) => {
    const mapped = mapRow(row, defaultChannel);
    if (mapped.ok) entries.push({ time: mapped.value.createdAt, start, end });
    else reject(line, mapped.error.message);
  };
  let header: string[] = [];
  try {
    if (format === 'csv') header = await scanCsv(path, accept, reject);
    else await scanJsonl(path, accept, reject);
  } catch (error) {
    return err(appError('replay-unreadable', `Cannot read ${path}: ${(error as Error).message}`));
  }
  const order = entries
    .map((_, i) => i)
    .sort((a, b) => (entries[a] as Entry).time - (entries[b] as Entry).time || a - b);
  const index: ReplayIndex = {
    path,
    format,
    defaultChannel,
    header,
    total: order.length,
    rejectedCount,
    rejected,
    times: Float64Array.from(order, (i) => (entries[i] as Entry).time),
    starts: Float64Array.from(order, (i) => (entries[i] as Entry).start),
    ends: Float64Array.from(order, (i) => (entries[i] as Entry).end),
  };
  return ok(index);
}

type Accept = (row: ReplayRow, start: number, end: number, line: number) => void;
type Reject = (line: number, reason: string) => void;

async function scanCsv(path: string, accept: Accept, reject: Reject): Promise<string[]> {
  const parser = new CsvParser();
  let header: string[] | null = null;
  const handle = (record: CsvRecord) => {
    if (header === null) {
      header = record.fields.map((f) => f.trim().toLowerCase());
      return;
    }
    if (record.unterminated) return reject(record.line, 'unterminated quoted field');
    if (record.fields.length !== header.length) {
      return reject(record.line, `expected ${header.length} fields, found ${record.fields.length}`);
    }
    accept(csvRow(header, record.fields), record.start, record.end, record.line);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    for (const record of parser.push(chunk as Buffer)) handle(record);
  }
  for (const record of parser.finish()) handle(record);
  return header ?? [];
}

async function scanJsonl(path: string, accept: Accept, reject: Reject): Promise<void> {
  const parser = new JsonlParser();
  const handle = (line: JsonlLine) => {
    const row = jsonRow(line.text);
    if (row.ok) accept(row.value, line.start, line.end, line.line);
    else reject(line.line, row.error.message);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    for (const line of parser.push(chunk as Buffer)) handle(line);
  }
  for (const line of parser.finish()) handle(line);
}

/** One CSV record as a row keyed by the lower-cased header. */
export function csvRow(header: ReadonlyArray<string>, fields: ReadonlyArray<string>): ReplayRow {
  const row: Record<string, string> = {};
  header.forEach((name, i) => {
    row[name] = fields[i] ?? '';
  });
  return row;
}

/** One JSONL line as a row; not an object is an error. */
export function jsonRow(text: string): Result<ReplayRow> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(appError('replay-bad-json', 'not valid JSON'));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return err(appError('replay-bad-json', 'not a JSON object'));
  return ok(value as ReplayRow);
}

/** Every row of an export's text (the header of a CSV lower-cased), with the count of unreadable ones. */
export function parseRows(text: string, format: ReplayFormat): { rows: ReplayRow[]; rejected: number } {
  if (format === 'jsonl') {
    const parsed = text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map(jsonRow);
    const rows = parsed.flatMap((r) => (r.ok ? [r.value] : []));
    return { rows, rejected: parsed.length - rows.length };
  }
  const [head, ...records] = parseCsv(text);
  const header = (head?.fields ?? []).map((h) => h.trim().toLowerCase());
  const good = records.filter((r) => !r.unterminated && r.fields.length === header.length);
  return { rows: good.map((r) => csvRow(header, r.fields)), rejected: records.length - good.length };
}

/**
 * Re-reads the rows at time-order positions [from, to) and maps them again. Neighbouring byte ranges are
 * read together. Rows that no longer map (the file changed underneath) come back in `rejected`.
 */
export async function readIndexedRows(
  index: ReplayIndex,
  from: number,
  to: number,
): Promise<{ readonly items: RawMention[]; readonly rejected: RejectedRow[] }> {
  const slots: Array<RawMention | undefined> = new Array<RawMention | undefined>(Math.max(0, to - from));
  const rejected: RejectedRow[] = [];
  if (to <= from) return { items: [], rejected };
  const file = await open(index.path, 'r');
  try {
    for (const span of spans(index, from, to)) {
      const bytes = Buffer.alloc(span.end - span.start);
      await file.read(bytes, 0, bytes.length, span.start);
      for (const pos of span.positions) {
        const slice = bytes.subarray((index.starts[pos] ?? 0) - span.start, (index.ends[pos] ?? 0) - span.start);
        const mapped = remap(index, slice);
        if (mapped.ok) slots[pos - from] = mapped.value;
        else rejected.push({ line: -1, reason: mapped.error.message });
      }
    }
  } finally {
    await file.close();
  }
  const items = slots.filter((m): m is RawMention => m !== undefined);
  return { items, rejected };
}

interface Span {
  start: number;
  end: number;
  positions: number[];
}

const MERGE_GAP = 64 * 1024;

function spans(index: ReplayIndex, from: number, to: number): Span[] {
  const positions = Array.from({ length: to - from }, (_, i) => from + i).sort(
    (a, b) => (index.starts[a] ?? 0) - (index.starts[b] ?? 0),
  );
  const out: Span[] = [];
  for (const pos of positions) {
    const start = index.starts[pos] ?? 0;
    const end = index.ends[pos] ?? 0;
    const last = out[out.length - 1];
    if (last && start - last.end <= MERGE_GAP && end - last.start <= 8 * MERGE_GAP) {
      last.end = Math.max(last.end, end);
      last.positions.push(pos);
    } else out.push({ start, end, positions: [pos] });
  }
  return out;
}

function remap(index: ReplayIndex, bytes: Uint8Array): Result<RawMention> {
  if (index.format === 'jsonl') {
    const row = jsonRow(new TextDecoder().decode(bytes));
    return row.ok ? mapRow(row.value, index.defaultChannel) : row;
  }
  const record = parseCsv(bytes)[0];
  if (!record) return err(appError('replay-changed', 'row is empty on re-read'));
  return mapRow(csvRow(index.header, record.fields), index.defaultChannel);
}
