import { emoticonValence } from './emoticons';
import { EMBEDDING_FEATURES } from './word-vectors';
import {
  LEXICON,
  NEGATION_SCALE,
  ROLE_BOOSTER,
  ROLE_CONTRASTIVE,
  ROLE_NEGATOR,
  ROLE_NONE,
  ROLE_RESOLVER,
} from './lexicon';
import {
  FLAG_CAPS,
  FLAG_ELONG,
  KIND_BREAK,
  KIND_EMOJI,
  KIND_EMOTICON,
  KIND_SARCASM,
  KIND_WORD,
  NEGATION_SPAN,
  type Scan,
} from './text-scan';

/** How many dense lexicon/rule features `readRules` writes (the first of the model's dense inputs). */
export const RULE_FEATURES = 27;
/** The model's dense inputs: the rule features, then the word-vector features (word-vectors.ts). */
export const DENSE_FEATURES = RULE_FEATURES + EMBEDDING_FEATURES;

const CAPS_BOOST = 0.73;
const ELONG_BOOST = 0.4;

/** The rule-based reading of one text; `compound` is in [-1, 1] like VADER's. */
export interface RuleReading {
  compound: number;
  /** Sum of emoji and emoticon valences only: the language-neutral signal. */
  symbolSum: number;
  symbolCount: number;
  sarcasm: boolean;
  /**
   * Litotes: every negative word in the text is negated ("not bad", "no problem") and nothing else is
   * negative, so the text is not negative whatever its negators' lean.
   */
  litotes: boolean;
  /**
   * Praise in a later clause than an unnegated complaint, with no "but" or resolver in between ("app is down.
   * great start to the day"): the sarcasm that follows a failure.
   */
  praiseAfterFailure: boolean;
}

const valences = new Float32Array(512);

function wordValence(scan: Scan, k: number): number {
  const role = scan.role[k];
  return role === ROLE_NONE || role === ROLE_RESOLVER ? (scan.value[k] as number) : 0;
}

function amplify(v: number, by: number): number {
  return v > 0 ? v + by : v - by;
}

/** Normalises an unbounded sum into (-1, 1). */
export function normalise(sum: number): number {
  return sum / Math.sqrt(sum * sum + 15);
}

interface Pass {
  butIndex: number;
  negatedWords: number;
  negatedNegatives: number;
  capsWords: number;
  elongated: number;
  sarcasm: boolean;
  symbolSum: number;
  symbolCount: number;
  clause: number;
  failureClause: number;
  /** A contrastive word or a resolver was seen: praise after a complaint is then sincere. */
  turned: boolean;
  praiseAfterFailure: boolean;
  readonly wide: WideTally;
}

/** Tally of the wide lexicon's valences over a text (negated words flipped). */
interface WideTally {
  pos: number;
  neg: number;
  posN: number;
  negN: number;
  max: number;
  min: number;
  last: number;
}

const newWideTally = (): WideTally => ({ pos: 0, neg: 0, posN: 0, negN: 0, max: 0, min: 0, last: 0 });

/** Adds word k's wide-lexicon valence (flipped inside a negation scope) to the tally. */
function tallyWide(scan: Scan, k: number, negated: boolean, t: WideTally): void {
  const raw = LEXICON.wide.get(scan.hash[k] as number) ?? LEXICON.wide.get(scan.alt[k] as number);
  if (raw === undefined) return;
  const v = negated ? raw * NEGATION_SCALE : raw;
  if (v > 0) {
    t.pos += v;
    t.posN += 1;
    if (v > t.max) t.max = v;
  } else {
    t.neg -= v;
    t.negN += 1;
    if (v < t.min) t.min = v;
  }
  t.last = v;
}

/** Writes the wide-lexicon tally into dense[from .. from + 7]. */
function wideDense(t: WideTally, dense: Float32Array, from: number): void {
  dense[from] = t.pos / 4;
  dense[from + 1] = t.neg / 4;
  dense[from + 2] = normalise(t.pos - t.neg);
  dense[from + 3] = t.posN / 3;
  dense[from + 4] = t.negN / 3;
  dense[from + 5] = t.max / 3;
  dense[from + 6] = t.min / 3;
  dense[from + 7] = t.last / 3;
}

/** One emoji or emoticon: its valence, counted as a language-neutral signal. */
function symbolValence(scan: Scan, k: number, pass: Pass): number {
  const code = scan.code[k] as number;
  const emoji = scan.kind[k] === KIND_EMOJI;
  const v = emoji ? (LEXICON.emoji.get(code) ?? 0) : emoticonValence(code);
  if (emoji && LEXICON.sarcasmEmoji.has(code)) pass.sarcasm = true;
  pass.symbolSum += v;
  if (v !== 0) pass.symbolCount += 1;
  return v;
}

/** One word's valence after boosters, ALL CAPS, elongation and negation (`negated` = inside a scope). */
function adjustedWordValence(scan: Scan, k: number, boost: number, negated: boolean, pass: Pass): number {
  const flags = scan.flags[k] as number;
  let v = wordValence(scan, k);
  if (v === 0) return 0;
  v = amplify(v, boost);
  if ((flags & FLAG_CAPS) !== 0) v = amplify(v, CAPS_BOOST);
  if ((flags & FLAG_ELONG) !== 0) v = amplify(v, ELONG_BOOST);
  if (!negated) return v;
  if (v < 0) pass.negatedNegatives += 1;
  pass.negatedWords += 1;
  return v * NEGATION_SCALE;
}

/** Records complaints and praise by clause for `praiseAfterFailure`. */
function notePolarity(v: number, pass: Pass): void {
  if (v < 0 && pass.failureClause < 0) pass.failureClause = pass.clause;
  else if (v > 0 && !pass.turned && pass.failureClause >= 0 && pass.clause > pass.failureClause)
    pass.praiseAfterFailure = true;
}

/** Scope state while walking a text: negation flips every valence, a resolver only the negative ones. */
interface Scopes {
  neg: number;
  resolve: number;
  boost: number;
}

/** One word token: its role's effect on the scopes, and its adjusted valence into `valences`. */
function wordStep(scan: Scan, k: number, sc: Scopes, pass: Pass): void {
  const role = scan.role[k] as number;
  const flags = scan.flags[k] as number;
  if ((flags & FLAG_CAPS) !== 0) pass.capsWords += 1;
  if ((flags & FLAG_ELONG) !== 0) pass.elongated += 1;
  if (role === ROLE_NEGATOR) {
    sc.neg = NEGATION_SPAN + 1;
    sc.boost = 0;
  } else if (role === ROLE_CONTRASTIVE) {
    if (pass.butIndex < 0) pass.butIndex = k;
    sc.neg = 0;
    pass.turned = true;
  } else if (role === ROLE_RESOLVER) pass.turned = true;
  if (role === ROLE_NONE || role === ROLE_RESOLVER) {
    tallyWide(scan, k, sc.neg > 0, pass.wide);
    const negated = sc.neg > 0 || (sc.resolve > 0 && role === ROLE_NONE && (scan.value[k] as number) < 0);
    valences[k] = adjustedWordValence(scan, k, sc.boost, negated, pass);
    if (!negated) notePolarity(valences[k] as number, pass);
    // A negated plain word ("does not recline", "haven't got it") is a complaint too.
    else if (sc.neg > 0 && valences[k] === 0 && pass.failureClause < 0) pass.failureClause = pass.clause;
  }
  // A negated resolver ("never fixed") ends the negation: the problem after it stays a problem.
  if (role === ROLE_RESOLVER) {
    if (sc.neg > 0) sc.neg = 1;
    else sc.resolve = NEGATION_SPAN + 1;
  }
  sc.boost = role === ROLE_BOOSTER ? sc.boost + (scan.value[k] as number) : 0;
  if (sc.neg > 0) sc.neg -= 1;
  if (sc.resolve > 0) sc.resolve -= 1;
}

/** Fills `valences` token by token: lexicon, boosters, caps, elongation, negation, resolvers. */
function valencePass(scan: Scan, pass: Pass): void {
  const sc: Scopes = { neg: 0, resolve: 0, boost: 0 };
  for (let k = 0; k < scan.count; k += 1) {
    valences[k] = 0;
    const kind = scan.kind[k] as number;
    if (kind === KIND_BREAK) {
      sc.neg = 0;
      sc.resolve = 0;
      sc.boost = 0;
      pass.clause += 1;
    } else if (kind === KIND_SARCASM) pass.sarcasm = true;
    else if (kind === KIND_EMOJI || kind === KIND_EMOTICON) valences[k] = symbolValence(scan, k, pass);
    else if (kind === KIND_WORD) wordStep(scan, k, sc, pass);
  }
}

/**
 * Reads `scan` with the lexicon and rules (negation, boosters, ALL CAPS, elongation, contrastive "but",
 * sarcasm markers, exclamations), writes RULE_FEATURES values into `dense` (when given) and returns the reading.
 */
export function readRules(scan: Scan, dense?: Float32Array): RuleReading {
  const pass: Pass = {
    butIndex: -1,
    negatedWords: 0,
    negatedNegatives: 0,
    capsWords: 0,
    elongated: 0,
    sarcasm: false,
    symbolSum: 0,
    symbolCount: 0,
    clause: 0,
    failureClause: -1,
    turned: false,
    praiseAfterFailure: false,
    wide: newWideTally(),
  };
  valencePass(scan, pass);
  let pos = 0,
    neg = 0,
    posN = 0,
    negN = 0,
    maxPos = 0,
    minNeg = 0,
    last = 0;
  for (let k = 0; k < scan.count; k += 1) {
    let v = valences[k] as number;
    if (v === 0) continue;
    if (pass.butIndex >= 0) v *= k < pass.butIndex ? 0.5 : 1.5;
    if (pass.sarcasm && v > 0 && scan.kind[k] === KIND_WORD) v = -v * 0.8;
    if (v > 0) {
      pos += v;
      posN += 1;
      if (v > maxPos) maxPos = v;
    } else {
      neg -= v;
      negN += 1;
      if (v < minNeg) minNeg = v;
    }
    last = v;
  }
  const emphasis = 1 + Math.min(scan.exclaims, 4) * 0.07;
  const compound = normalise((pos - neg) * emphasis);
  const litotes = pass.negatedNegatives > 0 && negN === 0 && !pass.sarcasm;
  if (dense) {
    dense[0] = pos / 4;
    dense[1] = neg / 4;
    dense[2] = compound;
    dense[3] = pass.symbolSum / 4;
    dense[4] = last / 3;
    dense[5] = maxPos / 3;
    dense[6] = minNeg / 3;
    dense[7] = (pass.negatedWords - pass.negatedNegatives) / 2;
    dense[8] = scan.exclaims > 0 ? 1 : 0;
    dense[9] = scan.questions > 0 ? 1 : 0;
    dense[10] = pass.capsWords > 0 ? 1 : 0;
    dense[11] = pass.sarcasm ? 1 : 0;
    dense[12] = posN / 3;
    dense[13] = negN / 3;
    dense[14] = pass.elongated > 0 ? 1 : 0;
    dense[15] = scan.letters > 0 && scan.upperLetters / scan.letters > 0.6 && scan.letters > 8 ? 1 : 0;
    dense[16] = pass.negatedNegatives / 2;
    dense[17] = litotes ? 1 : 0;
    dense[18] = pass.praiseAfterFailure ? 1 : 0;
    wideDense(pass.wide, dense, 19);
  }
  return {
    compound,
    symbolSum: pass.symbolSum,
    symbolCount: pass.symbolCount,
    sarcasm: pass.sarcasm,
    litotes,
    praiseAfterFailure: pass.praiseAfterFailure,
  };
}
