import { describe, expect, it } from 'vitest';
import { readText, scoreSentiment, UNSURE_BELOW } from '../../../electron/core/pipeline/enrich';
import { readRules } from '../../../electron/core/pipeline/enrich/rules';
import { createScan, scanText } from '../../../electron/core/pipeline/enrich/text-scan';

const rulesOf = (text: string): ReturnType<typeof readRules> => readRules(scanText(text, createScan()));

describe('the visible sentiment errors of issue 11', () => {
  it('reads a problem that support sorted out as positive', () => {
    expect(scoreSentiment('Honestly Nimbus support sorted my issue in like 5 minutes').label).toBe('positive');
    expect(scoreSentiment('they fixed my problem within the hour').label).not.toBe('negative');
  });

  it('still reads an unresolved problem as negative', () => {
    expect(scoreSentiment('support never fixed my issue').label).toBe('negative');
    expect(scoreSentiment('please fix my issue, the app keeps crashing').label).toBe('negative');
  });

  it('reads praise right after a failure as sarcasm', () => {
    const s = scoreSentiment('app is down. can’t log in… great start to the day');
    expect(s.label).toBe('negative');
    expect(s.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
  });

  it('says "unsure" for a complaint in a language the model was not trained for, with a lean', () => {
    const r = readText('No puedo entrar a la app, llevo una hora intentando, qué desastre');
    expect(r.language).toBe('es');
    expect(r.modelLanguage).toBe(false);
    expect(r.unsure).toBe(true);
    expect(r.sentiment.label).toBe('negative');
    expect(r.sentiment.confidence).toBeGreaterThan(0.1);
    expect(r.sentiment.confidence).toBeLessThan(UNSURE_BELOW);
  });

  it('gives no reading at all (confidence 0) to a foreign post with nothing to go on', () => {
    const r = readText('Mañana voy a la tienda con mi hermano para comprar una mesa');
    expect(r.language).toBe('es');
    expect(r.unsure).toBe(true);
    expect(r.sentiment).toEqual({ label: 'neutral', score: 0, confidence: 0 });
  });

  it('is unsure of a short Spanish question too (the demo shows one), not a confident neutral', () => {
    const r = readText('¿Alguien sabe si Nimbus funciona en México?');
    expect(r.language).toBe('es');
    expect(r.unsure).toBe(true);
    expect(r.sentiment.confidence).toBeLessThan(UNSURE_BELOW);
  });

  it('marks English readings as in the model language', () => {
    const r = readText('I love this app, thank you so much');
    expect(r.modelLanguage).toBe(true);
    expect(r.unsure).toBe(false);
  });
});

describe('rules: resolvers and praise after failure', () => {
  it('negates the problem words after a resolver, so the text reads as litotes', () => {
    expect(rulesOf('support sorted my issue').litotes).toBe(true);
    expect(rulesOf('support sorted my issue').compound).toBeGreaterThan(0);
  });

  it('does not resolve when the resolver itself is negated', () => {
    expect(rulesOf('support never fixed my issue').litotes).toBe(false);
    expect(rulesOf('support never fixed my issue').compound).toBeLessThan(0);
  });

  it('flags praise in a clause after a complaint, unless a "but" or a resolver turns it', () => {
    expect(rulesOf('app is down. great start to the day').praiseAfterFailure).toBe(true);
    expect(rulesOf('app was down but now it works. great').praiseAfterFailure).toBe(false);
    expect(rulesOf('app was down, they fixed it. great').praiseAfterFailure).toBe(false);
    expect(rulesOf('great start to the day').praiseAfterFailure).toBe(false);
  });
});
