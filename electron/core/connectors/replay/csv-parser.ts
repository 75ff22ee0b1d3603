/**
 * A streaming RFC 4180 CSV parser that works on bytes, so it can report each record's exact byte range
 * (the replay index re-reads rows by offset instead of holding them). Quotes, commas, CR and LF are ASCII
 * and never occur inside a UTF-8 multi-byte sequence, so scanning bytes is safe; fields are decoded at
 * their end. Handles quoted fields with commas, doubled quotes and newlines, CRLF/LF/CR line ends and a
 * leading BOM. Lenient on stray quotes inside unquoted fields (kept as text).
 */

/** One parsed record with where it lies in the input. */
export interface CsvRecord {
  readonly fields: ReadonlyArray<string>;
  /** Byte offset of the record's first byte. */
  readonly start: number;
  /** Byte offset just past its last byte (line end excluded). */
  readonly end: number;
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** True when the input ended inside a quoted field. */
  readonly unterminated: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-seen';

/** Feed it chunks with `push`, then call `finish`; each returns the records completed so far. */
export class CsvParser {
  private readonly decoder = new TextDecoder('utf-8');
  private state: State = 'field-start';
  private buf = new Uint8Array(256);
  private len = 0;
  private fields: string[] = [];
  private recordStart = -1;
  private recordLine = 1;
  private line = 1;
  private offset = 0;
  private skipLf = false;
  private started = false;

  /** Parses the next chunk of input. */
  push(chunk: Uint8Array): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    for (; i < chunk.length; i++) this.step(chunk[i] as number, this.offset + i, out);
    this.offset += chunk.length;
    return out;
  }

  /** Ends the input: returns the last record if it had no line end. */
  finish(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.recordStart >= 0) this.endRecord(this.offset, out, this.state === 'quoted');
    return out;
  }

  private step(byte: number, at: number, out: CsvRecord[]): void {
    if (this.skipLf) {
      this.skipLf = false;
      if (byte === LF) return;
    }
    if (this.recordStart < 0) {
      this.recordStart = at;
      this.recordLine = this.line;
    }
    switch (this.state) {
      case 'field-start':
        if (byte === QUOTE) this.state = 'quoted';
        else this.plain(byte, at, out);
        return;
      case 'unquoted':
        this.plain(byte, at, out);
        return;
      case 'quoted':
        if (byte === QUOTE) this.state = 'quote-seen';
        else this.append(byte);
        if (byte === LF) this.line++;
        return;
      case 'quote-seen':
        if (byte === QUOTE) {
          this.append(QUOTE);
          this.state = 'quoted';
        } else this.plain(byte, at, out);
        return;
    }
  }

  /** A byte outside quotes: a separator, a line end, or text. */
  private plain(byte: number, at: number, out: CsvRecord[]): void {
    if (byte === COMMA) {
      this.endField();
      this.state = 'field-start';
    } else if (byte === LF || byte === CR) {
      this.line++;
      this.skipLf = byte === CR;
      this.endRecord(at, out, false);
    } else {
      this.append(byte);
      this.state = 'unquoted';
    }
  }

  private append(byte: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = byte;
  }

  private endField(): void {
    this.fields.push(this.decoder.decode(this.buf.subarray(0, this.len)));
    this.len = 0;
  }

  private endRecord(end: number, out: CsvRecord[], unterminated: boolean): void {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '' && end === this.recordStart;
    if (!blank) out.push({ fields: this.fields, start: this.recordStart, end, line: this.recordLine, unterminated });
    this.fields = [];
    this.state = 'field-start';
    this.recordStart = -1;
  }
}

/** Parses a complete CSV text or buffer at once (tests, single re-read rows). */
export function parseCsv(input: string | Uint8Array): CsvRecord[] {
  const parser = new CsvParser();
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return [...parser.push(bytes), ...parser.finish()];
}
