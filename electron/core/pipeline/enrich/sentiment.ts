import type { Sentiment, SentimentLabel } from '../../../../shared/mention';
import { createFeaturizer, featurizeScanned } from './featurize';
import { readForeignCues } from './foreign-cues';
import { languageOfScan } from './language';
import { loadModel, logits, softmax, type LinearModel } from './model';
import { normalise, readRules } from './rules';
import { scanText } from './text-scan';
import modelFile from './sentiment-model.json';

/**
 * Below this confidence the wall shows "unsure". The confidence is the calibrated probability of the chosen
 * label, so below 0.5 the model gives its own answer less than even odds.
 */
export const UNSURE_BELOW = 0.5;

/** Confidence ceiling for a post in a language the model does not read (emoji, emoticons, a few cue words): always "unsure". */
export const SYMBOL_ONLY_CONFIDENCE = 0.35;

/** Languages the trained model reads; "und" (too short to tell) is read as English too. */
const MODEL_LANGUAGES: ReadonlySet<string> = new Set(['en', 'und']);

const LABELS: ReadonlyArray<SentimentLabel> = ['negative', 'neutral', 'positive'];

function shippedModel(): LinearModel {
  const loaded = loadModel(modelFile);
  if (!loaded.ok) throw new Error(`shipped sentiment model is invalid: ${loaded.error.message}`);
  return loaded.value;
}

let shipped: LinearModel | undefined;
/** The shipped model, decoded on first use (importing the module stays cheap and cannot throw). */
const model = (): LinearModel => (shipped ??= shippedModel());
const FEATURIZER = createFeaturizer();
const Z = new Float64Array(3);
const P = new Float64Array(3);

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * Sentiment from the trained model over FEATURIZER.scan: label = argmax, score = p(pos) - p(neg),
 * confidence = p(label). The rules veto "negative" for litotes ("not bad"), which a bag of n-grams reads as
 * negative because negators lean negative.
 */
function modelSentiment(): Sentiment {
  const reading = featurizeScanned(FEATURIZER, model());
  if (FEATURIZER.scan.count === 0) return { label: 'neutral', score: 0, confidence: 0 };
  logits(model(), FEATURIZER.features, FEATURIZER.dense, Z);
  if (reading.litotes) Z[0] = -Infinity;
  softmax(Z, model().temperature, P);
  const p0 = P[0] as number,
    p1 = P[1] as number,
    p2 = P[2] as number;
  const best = p0 >= p1 && p0 >= p2 ? 0 : p2 >= p1 ? 2 : 1;
  return {
    label: LABELS[best] as SentimentLabel,
    score: clamp(p2 - p0, -1, 1),
    confidence: clamp(P[best] as number, 0, 1),
  };
}

/**
 * Reading of a post in a language the model was not trained on: emoji, emoticons and a few strong cue words
 * of that language give a lean, always below UNSURE_BELOW. With no signal at all it says so: confidence 0.
 */
function foreignSentiment(): Sentiment {
  const reading = readRules(FEATURIZER.scan);
  const cues = readForeignCues(FEATURIZER.scan);
  const signals = reading.symbolCount + cues.count;
  if (signals === 0) return { label: 'neutral', score: 0, confidence: 0 };
  const score = normalise(reading.symbolSum + cues.sum);
  const label: SentimentLabel = score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
  const confidence = Math.min(SYMBOL_ONLY_CONFIDENCE, 0.15 + 0.05 * signals + 0.15 * Math.abs(score));
  return { label, score: clamp(score, -1, 1), confidence };
}

/** A post's language and its sentiment, from one scan of the text. */
export interface TextReading {
  readonly language: string;
  readonly sentiment: Sentiment;
  /** False when the language is one the model was not trained for: the sentiment is then only a lean. */
  readonly modelLanguage: boolean;
  /** The sentiment's confidence is below UNSURE_BELOW (the wall shows "unsure"). */
  readonly unsure: boolean;
}

/**
 * Reads one post. English (or undetermined) text goes through the trained model; text in another language
 * is marked `modelLanguage: false` and gets an "unsure" lean from emoji, emoticons and cue words instead of
 * a guess. Pass `language` when it is already known to skip detection.
 */
export function readText(text: string, language?: string): TextReading {
  scanText(text, FEATURIZER.scan);
  const lang = language ?? languageOfScan(FEATURIZER.scan, text);
  const modelLanguage = MODEL_LANGUAGES.has(lang);
  const sentiment = modelLanguage ? modelSentiment() : foreignSentiment();
  return { language: lang, sentiment, modelLanguage, unsure: sentiment.confidence < UNSURE_BELOW };
}

/** Scores one post's sentiment (see `readText`). */
export function scoreSentiment(text: string, language?: string): Sentiment {
  return readText(text, language).sentiment;
}

/** Scores with the trained model regardless of language (the CLI's `--no-lang`). */
export function scoreSentimentEnglish(text: string): Sentiment {
  return readText(text, 'en').sentiment;
}
