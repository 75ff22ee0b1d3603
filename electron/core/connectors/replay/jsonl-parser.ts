/**
 * A streaming JSON Lines splitter on bytes: yields each non-blank line's text with its byte range and
 * line number, so the replay index can re-read a row later. A leading BOM and CRLF line ends are allowed.
 * Parsing each line as JSON is the caller's job (a bad line is rejected and counted, never fatal).
 */

/** One line of a JSONL file. */
export interface JsonlLine {
  readonly text: string;
  readonly start: number;
  /** Just past the line's last byte (line end excluded). */
  readonly end: number;
  /** 1-based. */
  readonly line: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Feed it chunks with `push`, then call `finish`. */
export class JsonlParser {
  private readonly decoder = new TextDecoder('utf-8');
  private pending: Uint8Array[] = [];
  private pendingStart = 0;
  private offset = 0;
  private line = 0;
  private started = false;

  push(chunk: Uint8Array): JsonlLine[] {
    const out: JsonlLine[] = [];
    let from = 0;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        from = 3;
        this.pendingStart = 3;
      }
    }
    for (let i = from; i < chunk.length; i++) {
      if (chunk[i] !== LF) continue;
      this.pending.push(chunk.subarray(from, i));
      this.emit(this.offset + i, out);
      from = i + 1;
      this.pendingStart = this.offset + from;
    }
    if (from < chunk.length) this.pending.push(chunk.slice(from));
    this.offset += chunk.length;
    return out;
  }

  finish(): JsonlLine[] {
    const out: JsonlLine[] = [];
    if (this.pending.length > 0) this.emit(this.offset, out);
    return out;
  }

  private emit(endExclusive: number, out: JsonlLine[]): void {
    this.line++;
    const bytes = concat(this.pending);
    this.pending = [];
    const trimmed = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
    const end = endExclusive - (bytes.length - trimmed.length);
    const text = this.decoder.decode(trimmed);
    if (text.trim() !== '') out.push({ text, start: this.pendingStart, end, line: this.line });
  }
}

function concat(parts: ReadonlyArray<Uint8Array>): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
