import { describe, expect, it } from 'vitest';
import { readText, scoreSentiment, UNSURE_BELOW } from '../../../electron/core/pipeline/enrich';
import { loadModel } from '../../../electron/core/pipeline/enrich/model';
import { SentimentSchema } from '../../../shared/mention';

describe('scoreSentiment', () => {
  it('returns a valid sentiment with score in [-1,1] and confidence in [0,1]', () => {
    for (const t of ['I love it', 'this is awful', 'the meeting is at 5pm', '', '!!!', '😀']) {
      expect(SentimentSchema.safeParse(scoreSentiment(t)).success).toBe(true);
    }
  });

  it('reads plain polarity', () => {
    expect(scoreSentiment('I love this, thank you so much!').label).toBe('positive');
    expect(scoreSentiment('This is the worst service I have ever had').label).toBe('negative');
    expect(scoreSentiment('The store opens at 9am on Monday').label).toBe('neutral');
  });

  it('handles negation: "not bad" is not negative, "not good" is', () => {
    for (const t of ['not bad', 'the food was not bad at all', 'no problem', "it's not that bad"]) {
      expect(scoreSentiment(t).label, t).not.toBe('negative');
    }
    for (const t of ['not good', 'the service was not good', "I don't like it"]) {
      expect(scoreSentiment(t).label, t).toBe('negative');
    }
  });

  it('reads sarcasm markers as negative', () => {
    expect(scoreSentiment('great, another delay 🙄').label).toBe('negative');
    expect(scoreSentiment('oh wonderful, my flight is delayed again /s').label).toBe('negative');
    expect(scoreSentiment('wonderful, my flight is on time').label).toBe('positive');
  });

  it('scores emoji-only posts', () => {
    expect(scoreSentiment('😡😡😡').label).toBe('negative');
    expect(scoreSentiment('😍😍').label).toBe('positive');
    expect(scoreSentiment(':(').label).toBe('negative');
    expect(scoreSentiment(':)').label).toBe('positive');
  });

  it('reads ALL-CAPS anger as confidently negative', () => {
    const s = scoreSentiment('THIS IS UNACCEPTABLE!!! WORST SERVICE EVER');
    expect(s.label).toBe('negative');
    expect(s.score).toBeLessThan(-0.8);
    expect(s.confidence).toBeGreaterThan(0.9);
  });

  it('counts elongation as emphasis', () => {
    expect(scoreSentiment('loooove this sooo much').label).toBe('positive');
    expect(scoreSentiment('baaaad').label).toBe('negative');
  });

  it('ignores URLs and @mentions as content', () => {
    const plain = scoreSentiment('I love this');
    expect(scoreSentiment('@TerribleAirline I love this https://awful.example.com/worst-hate')).toEqual(plain);
    expect(scoreSentiment('I love this @worst_ever www.horrible.example/bad')).toEqual(plain);
  });

  it('does not score non-English text as confident English neutral', () => {
    for (const t of [
      'El servicio es muy malo y no me ayudan nada',
      'Le service est vraiment nul, je suis très déçu',
      'これはひどいサービスです',
    ]) {
      const r = readText(t);
      expect(r.language, t).not.toBe('en');
      expect(r.language, t).not.toBe('und');
      expect(r.sentiment.confidence, t).toBeLessThan(UNSURE_BELOW);
    }
  });

  it('falls back to emoji for non-English text, with low confidence', () => {
    const r = readText('El servicio es muy malo, no me ayudan 😡😡');
    expect(r.language).toBe('es');
    expect(r.sentiment.label).toBe('negative');
    expect(r.sentiment.confidence).toBeLessThan(UNSURE_BELOW);
  });

  it('copes with very long and odd texts', () => {
    expect(scoreSentiment('this is awful '.repeat(3000)).label).toBe('negative');
    expect(SentimentSchema.safeParse(scoreSentiment('𝓯𝓪𝓷𝓬𝔂 \u200d\ufe0f 🇺🇸 👍🏽 \ud83d')).success).toBe(true);
    expect(scoreSentiment('👍🏽👍🏽').label).toBe('positive');
  });

  it('is deterministic', () => {
    const t = 'Why does my card keep getting declined?! So annoying';
    expect(scoreSentiment(t)).toEqual(scoreSentiment(t));
  });
});

describe('loadModel', () => {
  it('rejects a malformed model file', () => {
    expect(loadModel({ version: 1 }).ok).toBe(false);
    expect(
      loadModel({
        version: 1,
        buckets: 3,
        weightScale: 1,
        weights: '',
        dense: [],
        bias: [0, 0, 0],
        temperature: 1,
        meta: {},
      }).ok,
    ).toBe(false);
  });

  it('rejects weights of the wrong length', () => {
    const dense = new Array<number>(54).fill(0);
    const r = loadModel({
      version: 1,
      buckets: 4,
      weightScale: 1,
      weights: Buffer.from([1, 2, 3]).toString('base64'),
      dense,
      bias: [0, 0, 0],
      temperature: 1,
      meta: {},
    });
    expect(r.ok).toBe(false);
  });
});
