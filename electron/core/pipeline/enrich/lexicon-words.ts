/**
 * Earshot's hand-written English sentiment lexicon, grouped by valence (words are matched lower-cased,
 * apostrophes removed, elongations shortened). Tuned for customer-care posts: service words ("refund",
 * "delay") are not here because they describe a topic, not a feeling; the trained model learns their lean.
 */
export const LEXICON_GROUPS: ReadonlyArray<readonly [number, string]> = [
  [
    3.2,
    'love loved loving lovely amazing awesome excellent fantastic wonderful brilliant perfect outstanding superb incredible phenomenal magnificent best greatest',
  ],
  [
    2.6,
    'great happy glad delighted thrilled excited exciting beautiful gorgeous fabulous terrific marvelous marvellous adore adorable blessed grateful thankful congrats congratulations yay woohoo hooray stunning impressive impressed',
  ],
  [
    2.0,
    'good nice cool fun funny enjoy enjoyed enjoying pleased pleasure favorite favourite win winning won wins helpful friendly kind sweet cute proud thanks thank thx ty appreciate appreciated recommend recommended smooth fast easy fixed solved resolved quick quickly haha hahaha lol lmao rofl yeah yes wow beauty lucky fresh genius legend legendary hero heroes',
  ],
  [
    1.4,
    'like liked likes fine ok okay well better improve improved improvement interesting hope hopefully hoping ready safe comfortable clean calm support supported supportive worth reliable positive success successful fair free bonus welcome peace laugh laughing smile smiling smiles glad joy',
  ],
  [0.8, 'sure right decent alright reasonable promising'],
  [
    -0.8,
    'wait waiting pending still again slow slowly confused confusing odd weird strange tired meh hmm doubt unclear',
  ],
  [
    -1.4,
    'problem problems issue issues bug bugs glitch error errors fail fails failed failing failure wrong bad poor sad unhappy sorry miss missed missing lost lose losing lonely sick hurt hurts pain ugly boring bored lame cheap delayed late stuck annoying annoyed annoys upset worried worry concern concerned difficult hard complaint complain complaining complained unfortunately unfortunate crap ridiculous nonsense mess expensive overpriced broke broken crash crashed crashes crashing down outage',
  ],
  [
    -2.0,
    'hate hated hates terrible horrible awful worst disappointed disappointing disappointment frustrated frustrating frustration angry mad furious pathetic useless rude incompetent unacceptable disgusting disgusted gross nasty stupid dumb idiot idiots shit shitty sucks suck sucked scam scammed fraud stolen robbed liar lies lying fake trash garbage rubbish joke dead die died kill killed killing fear scared afraid cry crying cried tears depressed depressing miserable nightmare disaster ruined ruin ugh smh wtf fml damn dammit bloody hell fuck fucking fucked bullshit',
  ],
  [
    -2.8,
    'abysmal atrocious appalling disgraceful dreadful horrendous outrageous shameful unbelievable despise loathe furious livid worthless',
  ],
];

/** Words that flip the valence of the next few words ("not good"). Apostrophes are already removed. */
export const NEGATORS =
  'not no never nothing nobody none nor neither without cannot cant dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint nope nah barely hardly rarely';

/** Words that strengthen (positive factor) or soften (negative factor) the next sentiment word. */
export const BOOSTERS: ReadonlyArray<readonly [number, string]> = [
  [
    0.3,
    'very really so too super extremely totally absolutely completely incredibly seriously truly utterly highly most much fully quite especially particularly hugely massively fucking freaking damn such',
  ],
  [-0.3, 'kinda kindof somewhat slightly little bit barely hardly marginally partly sorta occasionally'],
];

/**
 * Words that mark a problem as dealt with: the negative words right after them ("sorted my issue", "fixed the
 * problem") read as negated, unless the resolver itself is negated ("never fixed my issue"). Past forms only:
 * "fix my issue" is a request, not a resolution.
 */
export const RESOLVERS = 'sorted fixed solved resolved';

/** Words after which the rest of the sentence weighs more than what came before ("X but Y"). */
export const CONTRASTIVE = 'but however although though yet except';

/** Emoji valence by code point, in [-4, 4]. */
export const EMOJI_VALENCE: ReadonlyArray<readonly [number, number]> = [
  [0x1f600, 2.2],
  [0x1f603, 2.3],
  [0x1f604, 2.4],
  [0x1f601, 2.3],
  [0x1f606, 2.2],
  [0x1f605, 1.2],
  [0x1f602, 1.8],
  [0x1f923, 1.8],
  [0x1f60a, 2.4],
  [0x1f607, 2],
  [0x1f642, 1.2],
  [0x1f609, 1.5],
  [0x1f60d, 3],
  [0x1f970, 3],
  [0x1f618, 2.6],
  [0x1f617, 1.5],
  [0x1f619, 1.8],
  [0x1f61a, 2],
  [0x1f60b, 2],
  [0x1f61b, 1.5],
  [0x1f61c, 1.5],
  [0x1f92a, 1.5],
  [0x1f61d, 1.5],
  [0x1f917, 2.2],
  [0x1f929, 2.8],
  [0x1f60e, 2],
  [0x1f973, 2.8],
  [0x1f44d, 2],
  [0x1f44f, 2],
  [0x1f64c, 2.4],
  [0x1f4aa, 1.8],
  [0x1f389, 2.6],
  [0x1f38a, 2.4],
  [0x2764, 2.8],
  [0x1f495, 2.8],
  [0x1f496, 2.8],
  [0x1f497, 2.8],
  [0x1f499, 2.6],
  [0x1f49a, 2.6],
  [0x1f49b, 2.6],
  [0x1f49c, 2.6],
  [0x1f9e1, 2.6],
  [0x1f4af, 2],
  [0x2728, 1.6],
  [0x1f525, 1.2],
  [0x2b50, 1.8],
  [0x1f31f, 2],
  [0x1f44c, 1.8],
  [0x2705, 1.4],
  [0x1f64f, 1.2],
  [0x1f63b, 2.6],
  [0x263a, 2.2],
  [0x1f493, 2.6],
  [0x1f49e, 2.6],
  [0x1f60c, 1.4],
  [0x1f618, 2.6],
  [0x1f61e, -2.2],
  [0x1f61f, -2],
  [0x1f620, -2.8],
  [0x1f621, -3.2],
  [0x1f92c, -3.4],
  [0x1f622, -2.4],
  [0x1f62d, -2.2],
  [0x1f624, -2.4],
  [0x1f629, -2.4],
  [0x1f62b, -2.4],
  [0x1f616, -2.2],
  [0x1f623, -2],
  [0x1f614, -2],
  [0x1f615, -1.4],
  [0x1f641, -1.6],
  [0x2639, -2],
  [0x1f612, -2],
  [0x1f644, -2],
  [0x1f611, -1.2],
  [0x1f610, -0.4],
  [0x1f62c, -1.2],
  [0x1f631, -2],
  [0x1f628, -2],
  [0x1f630, -2],
  [0x1f625, -1.8],
  [0x1f613, -1.5],
  [0x1f92e, -2.8],
  [0x1f922, -2.6],
  [0x1f494, -2.8],
  [0x1f44e, -2.4],
  [0x1f63e, -2.2],
  [0x1f63f, -2.2],
  [0x1f926, -1.8],
  [0x1f937, -0.6],
  [0x1f62a, -1.2],
  [0x1f634, -0.4],
  [0x1f921, -1.6],
  [0x1f4a9, -2],
  [0x26a0, -1.2],
  [0x274c, -1.8],
  [0x1f6d1, -1.4],
  [0x1f637, -1],
  [0x1f914, -0.4],
  [0x1f633, -0.6],
  [0x1f480, -0.6],
];

/** Emoji that mark sarcasm or eye-rolling: they also turn preceding praise sour. */
export const SARCASM_EMOJI: ReadonlyArray<number> = [0x1f644, 0x1f612, 0x1f643];
