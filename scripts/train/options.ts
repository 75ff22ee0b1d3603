import type { TrainOptions } from './logreg';

/**
 * The shipped model's training settings (chosen by cross-validation on the training pool, see search.ts).
 * 2026-12-01 (stop 18): a word lexicon learned from each run's own training rows (word-lexicon.ts: per-word
 * negative and positive log-odds regressed on the word vectors, so the ~140k words no training tweet has get
 * scores too; 8 dense features) and 4 bagged seeds averaged into one model. 5-fold CV / year hold-out
 * 0.6827 / 0.6135 -> lexicon 0.6829 / 0.6160 -> with bag 4 0.6851 / 0.6183. Level: ridge 2 or 50 (0.6851 /
 * 0.6183, 0.6850 / 0.6181), bag 8 0.6850 / 0.6175.
 * 2026-12-02 (stop 20): NB-LR learning rates (nbPower 0.5) on top, shipped: 5-fold CV / year hold-out 0.6851 /
 * 0.6183 -> 0.6875 / 0.6174, edition hold-out (all but 2016-test -> 2016-test) 0.6591 -> 0.6636 (nbPower 0.3 / 0.75:
 * 0.6623 / 0.6626). Held back at stop 18 because at one demo start (2026-11-28T12:00Z) a login incident opened 2.2 hub
 * minutes before the outage: a chance negative P3 the outage then took over, as the old model's does at other starts
 * (2026-12-01T18:10Z); over 144 demo starts it plays the script as the old model does. Experiments outside the
 * recipe (not shipped): the lexicon regressed from the full 100-d GloVe vectors 0.6176 on the year hold-out
 * (16-d: 0.6163, one seed), by 20 nearest neighbours 0.6184; CV-tuned per-class offsets, tuned inside 2013-15,
 * lower the year hold-out 0.6135 -> 0.6081; 2016's own editions weighted 2x or 3x lower 2016-test from 0.6561
 * to 0.6520 / 0.6479.
 * 2026-12-01 (sent3): outside knowledge. GloVe 6B vectors (data/word-vectors.json: 150k words x 16 principal
 * components, plus a VADER-regressed valence per word) feed 23 dense features; with this recipe unchanged, 5-fold
 * CV / year hold-out go from 0.6817 / 0.6078 to 0.6827 / 0.6135 (seeds 1-3 and 7: mean year hold-out 0.6064 ->
 * 0.6139, CV 0.6808 -> 0.6836). Vocabulary and dims on the year hold-out (4-seed mean): 60k x 64 0.6118,
 * 100k x 100 0.6127, 100k x 32 0.6129, 200k x 8 0.6129, 150k x 16 0.6138 (shipped). Not better: the mean vector
 * alone 0.6107, with max/min pooling 0.6115, k-means word clusters (500) as hashed features 0.6085, a separate
 * dense-only model blended into the logits (0.7 / 0.5) 0.6102 / 0.6066, l2 3e-4 or 3 epochs with the vectors.
 * Also level on 4-seed CV / year hold-out (shipped 0.6836 / 0.6139): AFINN-165 as extra valence targets 0.6844 /
 * 0.6140, looking elongated words up by their one-letter form 0.6837 / 0.6140, leaving the 100 most frequent
 * words out of the mean 0.6832 / 0.6157 (CV, which chooses, says no). Rule-only change without vectors: 0.6811 / 0.6068.
 * 2026-12-01: NB-LR learning rates (nbPower 0.5) took 5-fold CV / year hold-out from 0.6817 / 0.6078 to
 * 0.6844 / 0.6097 (with char 3-4-grams: 0.6841 / 0.6101) on the recipe before the word vectors; not shipped then:
 * that model read the airline-shaped replay's celebration as a hair more negative than its baseline (0.040 vs 0.033),
 * which failed test/integration/incidents-airline.test.ts (the shipped recipe passes it).
 * Tried against the old recipe and not better on 5-fold CV (cv / year hold-out 2013-15 -> 2016; old: 0.6817 / 0.6078):
 * 2^19 buckets 0.6818 / 0.6080; l2 3e-5 0.6817 / 0.6075; l2 3e-4 0.6815 / 0.6075; 10 epochs 0.6772 / 0.6057;
 * 3 epochs 0.6809 / 0.6046; learning rate 0.025 x 8 epochs 0.6816 / 0.6050; class-weight power 0.8 0.6765 / 0.6065;
 * word and char n-gram blocks L2-normalised apart (word weight 0.5 / 1 / 2) 0.6811 / 0.6080, 0.6786 / 0.6070,
 * 0.6705 / 0.6037; with those blocks at word weight 0.5: averaged SGD (4 snapshots an epoch) 0.6817 / 0.6068,
 * word trigrams 0.6788 / 0.6072, char 3-6-grams 0.6786 / 0.6048; char 3-4-grams alone 0.6824 / 0.6077.
 * All within ~0.003: the recipe is at a plateau; the gap to the year hold-out is topic and annotation drift.
 */
export const OPTIONS: TrainOptions = {
  buckets: 1 << 18,
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-4,
  classWeightPower: 1,
  nbPower: 0.5,
  lexiconRidge: 10,
  bag: 4,
  seed: 7,
};

/** Cross-validation folds used for tuning, for the shipped temperature and for the bench. */
export const CV_FOLDS = 5;
