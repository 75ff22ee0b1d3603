import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SentimentLabel } from '../../shared/mention';
import { fileURLToPath } from 'node:url';

/** One labelled text. */
export interface Example {
  readonly text: string;
  readonly label: SentimentLabel;
  /** SemEval edition the tweet comes from (first file that lists its id); absent for other sets. */
  readonly year?: number;
  /** That file's split within its edition, e.g. "2016test" for twitter-2016test-A.tsv. */
  readonly edition?: string;
}

/** Where the shared benchmark data lives (tests, bench and training only; the product never reads it). */
export const SHARED_DIR = process.env.EARSHOT_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url));
const SEMEVAL_DIR = join(SHARED_DIR, 'benchmarks/semeval-sentiment');
const TWEETEVAL_DIR = join(SHARED_DIR, 'benchmarks/tweeteval-sentiment');
const LABELS: ReadonlyArray<SentimentLabel> = ['negative', 'neutral', 'positive'];

function isLabel(value: string | undefined): value is SentimentLabel {
  return value === 'negative' || value === 'neutral' || value === 'positive';
}

/** Undoes the SemEval dump's escaping: literal \uXXXX sequences, wrapping quotes, common HTML entities. */
export function cleanSemevalText(raw: string): string {
  let t = raw.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (t.length > 1 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/""/g, '"');
}

/** A key that survives the two datasets' differences (anonymised @user, quoting, spacing, case). */
export function dedupKey(text: string): string {
  return cleanSemevalText(text)
    .toLowerCase()
    .replace(/@\w+/g, '@user')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[^a-z0-9@]+/g, '');
}

/** All SemEval 2013–2016 task 4A tweets, de-duplicated by tweet id, in file order. */
export async function loadSemeval(): Promise<ReadonlyArray<Example>> {
  const files = (await readdir(SEMEVAL_DIR)).filter((f) => f.endsWith('.tsv')).sort();
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const file of files) {
    const body = await readFile(join(SEMEVAL_DIR, file), 'utf8');
    const year = Number(/(\d{4})/.exec(file)?.[1] ?? 0);
    const edition = /twitter-(\w+)-A/.exec(file)?.[1] ?? file;
    for (const line of body.split('\n')) {
      const [id, label, ...rest] = line.split('\t');
      if (id === undefined || !isLabel(label) || seen.has(id)) continue;
      seen.add(id);
      out.push({ text: cleanSemevalText(rest.join('\t').trim()), label, year, edition });
    }
  }
  return out;
}

/** TweetEval's whole validation split (2,000 tweets), with the same unescaping as the SemEval dump. */
export async function loadTweetEvalVal(): Promise<ReadonlyArray<Example>> {
  const texts = (await readFile(join(TWEETEVAL_DIR, 'val_text.txt'), 'utf8')).split('\n');
  const labels = (await readFile(join(TWEETEVAL_DIR, 'val_labels.txt'), 'utf8')).split('\n');
  const out: Example[] = [];
  for (let i = 0; i < labels.length; i += 1) {
    const label = LABELS[Number(labels[i])];
    const text = texts[i];
    if (label === undefined || text === undefined || labels[i]?.trim() === '') continue;
    out.push({ text: cleanSemevalText(text.trim()), label });
  }
  return out;
}

/** Keys sharing this many leading characters count as the same tweet (crops, retweets, anonymised handles). */
export const PREFIX = 30;

/**
 * Splits `examples` by whether their text (up to quoting, case, @user anonymisation and stripped URLs) also
 * occurs in `reference` (or shares its first 30 key characters). Used both ways: training minus validation, and validation minus training.
 */
export function splitByOverlap(
  examples: ReadonlyArray<Example>,
  reference: ReadonlyArray<Example>,
): { readonly unique: ReadonlyArray<Example>; readonly shared: ReadonlyArray<Example> } {
  const keys = new Set<string>();
  for (const e of reference) {
    const k = dedupKey(e.text);
    keys.add(k);
    if (k.length >= PREFIX) keys.add(k.slice(0, PREFIX));
  }
  const unique: Example[] = [];
  const shared: Example[] = [];
  for (const e of examples) {
    const k = dedupKey(e.text);
    const seen = keys.has(k) || (k.length >= PREFIX && keys.has(k.slice(0, PREFIX)));
    (seen ? shared : unique).push(e);
  }
  return { unique, shared };
}
