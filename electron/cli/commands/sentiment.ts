/**
 * `earshot sentiment [--json] [--no-lang]`: reads one text per line from stdin and writes one label per line
 * (negative / neutral / positive), in order; `--json` writes {"label","score","confidence"} lines instead.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Sentiment } from '../../../shared/mention';
import { scoreSentiment, scoreSentimentEnglish, UNSURE_BELOW } from '../../core';

const HELP = `Usage: earshot sentiment [--json] [--no-lang] < texts.txt

Reads one text per line from standard input and writes one line per text, in order:
  default     the label: negative, neutral or positive
  --json      {"label":…,"score":…,"confidence":…}; score in [-1,1], confidence in [0,1]
              (the wall shows "unsure" below ${UNSURE_BELOW})
  --no-lang   skip language detection and read every line as English
  --help      this text
`;

interface Options {
  readonly json: boolean;
  readonly detectLanguage: boolean;
}

function parseArgs(args: ReadonlyArray<string>): Options | 'help' | string {
  let json = false;
  let detectLanguage = true;
  for (const a of args) {
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--json') json = true;
    else if (a === '--no-lang') detectLanguage = false;
    else return `unknown option "${a}" (see --help)`;
  }
  return { json, detectLanguage };
}

const FLUSH_AT = 64 * 1024;

function formatLine(s: Sentiment, json: boolean): string {
  if (!json) return `${s.label}\n`;
  return `{"label":"${s.label}","score":${Number(s.score.toFixed(4))},"confidence":${Number(s.confidence.toFixed(4))}}\n`;
}

/** Writes `text`, waiting for 'drain' when the stream asks us to slow down. */
async function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (output.write(text)) return;
  await new Promise<void>((resolve) => output.once('drain', resolve));
}

/** Runs the command over `input`, writing to `output`; returns the exit code. */
export async function runSentiment(
  args: ReadonlyArray<string>,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    await write(output, HELP);
    return 0;
  }
  if (typeof options === 'string') {
    process.stderr.write(`earshot sentiment: ${options}\n`);
    return 2;
  }
  const score = options.detectLanguage ? (t: string) => scoreSentiment(t) : scoreSentimentEnglish;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let out = '';
  const emit = (line: string): void => {
    out += formatLine(score(line.endsWith('\r') ? line.slice(0, -1) : line), options.json);
  };
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl = pending.indexOf('\n');
    let start = 0;
    while (nl >= 0) {
      emit(pending.slice(start, nl));
      start = nl + 1;
      nl = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (out.length >= FLUSH_AT) {
      await write(output, out);
      out = '';
    }
  }
  pending += decoder.end();
  if (pending.length > 0) emit(pending);
  if (out.length > 0) await write(output, out);
  return 0;
}
