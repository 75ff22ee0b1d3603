import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv } from '../../../../electron/core/connectors/replay/csv-parser';
import { JsonlParser } from '../../../../electron/core/connectors/replay/jsonl-parser';
import { parseTimestamp } from '../../../../electron/core/connectors/replay/timestamps';

const fields = (input: string | Uint8Array) => parseCsv(input).map((r) => r.fields);

describe('CsvParser', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    expect(fields('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('handles quoted commas, doubled quotes and newlines inside quotes', () => {
    const input = 'id,text\n1,"hello, world"\n2,"she said ""hi"""\n3,"line one\r\nline two\nline three"\n4,""\n';
    expect(fields(input)).toEqual([
      ['id', 'text'],
      ['1', 'hello, world'],
      ['2', 'she said "hi"'],
      ['3', 'line one\r\nline two\nline three'],
      ['4', ''],
    ]);
  });

  it('skips a leading BOM and blank lines, keeps empty fields', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\n\n,x\n\n')]);
    expect(fields(bom)).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });

  it('reports byte ranges and starting line numbers that re-read to the same record', () => {
    const text = '\ufeffh1,h2\r\n"multi\nline é",2\r\nplain,ü\r\n';
    const bytes = new TextEncoder().encode(text);
    const records = parseCsv(bytes);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    for (const r of records) expect(parseCsv(bytes.subarray(r.start, r.end))[0]?.fields).toEqual(r.fields);
    expect(records[0]?.start).toBe(3);
  });

  it('gives the same records whatever the chunking, including splits inside UTF-8 and CRLF', () => {
    const text = 'id,text\r\n1,"naïve ""quoted"", with\r\nnewline 😀"\r\n2,café\r\n3,end';
    const bytes = new TextEncoder().encode(text);
    const whole = parseCsv(bytes);
    for (let size = 1; size <= 7; size++) {
      const parser = new CsvParser();
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...parser.push(bytes.subarray(i, i + size)));
      got.push(...parser.finish());
      expect(got).toEqual(whole);
    }
  });

  it('flags a record whose quote never closes', () => {
    const records = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(records[1]?.unterminated).toBe(true);
    expect(records[0]?.unterminated).toBe(false);
  });
});

describe('JsonlParser', () => {
  it('splits lines with byte ranges and line numbers, skipping blanks, BOM and CR', () => {
    const bytes = new TextEncoder().encode('\ufeff{"a":1}\r\n\n{"b":"é"}\nbad\n{"c":3}');
    const parser = new JsonlParser();
    const lines = [...parser.push(bytes.subarray(0, 9)), ...parser.push(bytes.subarray(9)), ...parser.finish()];
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, '{"a":1}'],
      [3, '{"b":"é"}'],
      [4, 'bad'],
      [5, '{"c":3}'],
    ]);
    const decoder = new TextDecoder();
    for (const l of lines) expect(decoder.decode(bytes.subarray(l.start, l.end))).toBe(l.text);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO with offsets, Twitter dates and epochs', () => {
    expect(parseTimestamp('2015-02-24 11:35:52 -0800')).toBe(Date.UTC(2015, 1, 24, 19, 35, 52));
    expect(parseTimestamp('2026-01-05T09:00:00Z')).toBe(Date.UTC(2026, 0, 5, 9));
    expect(parseTimestamp('2026-01-05T10:00:00.250+01:00')).toBe(Date.UTC(2026, 0, 5, 9, 0, 0, 250));
    expect(parseTimestamp('2026-01-05 09:00')).toBe(Date.UTC(2026, 0, 5, 9));
    expect(parseTimestamp('Tue Feb 24 11:35:52 +0000 2015')).toBe(Date.UTC(2015, 1, 24, 11, 35, 52));
    expect(parseTimestamp(1767603600)).toBe(Date.UTC(2026, 0, 5, 9));
    expect(parseTimestamp('1767603600000')).toBe(Date.UTC(2026, 0, 5, 9));
    expect(parseTimestamp('1767603600.5')).toBe(Date.UTC(2026, 0, 5, 9, 0, 0, 500));
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'not a date', '2026-13-01 00:00:00', null, undefined, {}, Number.NaN])
      expect(parseTimestamp(bad)).toBeNull();
  });
});
