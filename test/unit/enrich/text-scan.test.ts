import { describe, expect, it } from 'vitest';
import { hashString } from '../../../electron/core/pipeline/enrich/hash';
import {
  createScan,
  FLAG_CAPS,
  FLAG_ELONG,
  KIND_EMOJI,
  KIND_EMOTICON,
  KIND_SARCASM,
  KIND_WORD,
  scanText,
} from '../../../electron/core/pipeline/enrich/text-scan';

const scan = createScan();
const words = (text: string): number[] => {
  scanText(text, scan);
  return Array.from({ length: scan.count }, (_v, k) => k)
    .filter((k) => scan.kind[k] === KIND_WORD)
    .map((k) => scan.hash[k] as number);
};

describe('scanText', () => {
  it('lower-cases, drops apostrophes, URLs, @mentions, entities and the # of hashtags', () => {
    expect(words("@Brand Can't LOGIN https://x.co/abc &amp; #fail www.example.com")).toEqual(
      ['cant', 'login', 'fail'].map(hashString),
    );
  });

  it('shortens elongations and flags them, with a fully shortened alternative', () => {
    scanText('sooooo baaad', scan);
    expect(scan.hash[0]).toBe(hashString('soo'));
    expect(scan.alt[0]).toBe(hashString('so'));
    expect(scan.flags[0]! & FLAG_ELONG).toBe(FLAG_ELONG);
    expect(scan.alt[1]).toBe(hashString('bad'));
  });

  it('flags ALL-CAPS words', () => {
    scanText('WORST service', scan);
    expect(scan.flags[0]! & FLAG_CAPS).toBe(FLAG_CAPS);
    expect(scan.flags[1]! & FLAG_CAPS).toBe(0);
  });

  it('emits emoji, emoticons and sarcasm markers as tokens', () => {
    scanText('ok 😡 :( sure /s', scan);
    const kinds = Array.from(scan.kind.subarray(0, scan.count));
    expect(kinds).toEqual([KIND_WORD, KIND_EMOJI, KIND_EMOTICON, KIND_WORD, KIND_SARCASM]);
    expect(scan.code[1]).toBe(0x1f621);
  });

  it('does not read a URL scheme as an emoticon', () => {
    scanText('see http://example.com/x :/', scan);
    expect(Array.from(scan.kind.subarray(0, scan.count))).toEqual([KIND_WORD, KIND_EMOTICON]);
  });
});
