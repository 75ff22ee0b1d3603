import type { Rng } from './prng';
import { SLOTS } from './corpus/slots';
import { DECORATIONS } from './corpus/extras';

/** How the simulated brand is named in posts. */
export interface BrandNames {
  /** Short name used in running text, e.g. "Nimbus". */
  readonly brand: string;
  /** Full name, e.g. "Nimbus Bank". */
  readonly brandFull: string;
  /** The social handle with its @, e.g. "@nimbus". */
  readonly handle: string;
  /** The campaign hashtag, e.g. "#NimbusCashback". */
  readonly tag: string;
  /** The brand's (fictional, never resolvable) web domain, e.g. "nimbus.example". */
  readonly site: string;
}

/** Derives the post names from the configured brand ("Nimbus Bank" -> Nimbus, @nimbus, #NimbusCashback). */
export function brandNames(brandFull: string): BrandNames {
  const words = brandFull
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const brand = words[0] ?? 'Nimbus';
  const slug = brand.toLowerCase().replace(/[^a-z0-9_]/g, '') || 'nimbus';
  return {
    brand,
    brandFull: brandFull.trim() || 'Nimbus Bank',
    handle: `@${slug}`,
    tag: `#${brand}Cashback`,
    site: `${slug}.example`,
  };
}

const SLOT_PATTERN = /\{(\w+)\}/g;
const CHOICE_PATTERN = /\[([^\]|]*(?:\|[^\]|]*)+)\]/g;

/** Fills a template's `{slot}`s and `[a|b]` choices. Unknown slots are left as written (they may be literal text). */
export function fillTemplate(template: string, rng: Rng, names: BrandNames): string {
  const withChoices = template.replace(CHOICE_PATTERN, (_m, body: string) => rng.pick(body.split('|')));
  return fillSlots(fillSlots(withChoices, rng, names), rng, names);
}

/** One pass of slot filling; slot values may name brand slots, hence two passes. */
function fillSlots(text: string, rng: Rng, names: BrandNames): string {
  return text.replace(SLOT_PATTERN, (whole, slot: string) => {
    switch (slot) {
      case 'brand':
        return rng.chance(0.15) ? names.brandFull : names.brand;
      case 'brandFull':
        return names.brandFull;
      case 'handle':
        return names.handle;
      case 'tag':
        return names.tag;
      case 'site':
        return names.site;
      default: {
        const list = SLOTS[slot];
        return list ? rng.pick(list) : whole;
      }
    }
  });
}

/** Makes a filled post look typed by a person: occasional lower case, typos, trailing bits. */
export function humanize(text: string, rng: Rng, mood: keyof typeof DECORATIONS): string {
  let out = text;
  if (rng.chance(0.12)) out = mapWords(out, (w) => w.toLowerCase());
  if (rng.chance(0.1)) out = typo(out, rng);
  if (rng.chance(0.05)) out = out.replace(/\byou\b/g, 'u');
  if (rng.chance(0.04)) out = mapWords(out.replace(/\.$/, ''), (w) => w.toUpperCase());
  return out + rng.pick(DECORATIONS[mood]);
}

/** Applies `f` to each word except links, handles and hashtags, which people don't retype. */
function mapWords(text: string, f: (word: string) => string): string {
  return text
    .split(' ')
    .map((w) => (/^(https?:|@|#)/.test(w) ? w : f(w)))
    .join(' ');
}

function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const index = rng.int(words.length);
  const word = words[index] ?? '';
  if (word.length < 4 || /[@#:/{}<>]/.test(word)) return text;
  const i = 1 + rng.int(word.length - 2);
  const swapped = rng.chance(0.5)
    ? word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
    : word.slice(0, i) + word.slice(i + 1);
  words[index] = swapped;
  return words.join(' ');
}

/** Appends up to two hashtags (never repeating one). */
export function withHashtags(text: string, rng: Rng): string {
  const tags = SLOTS.hashtag ?? [];
  if (tags.length === 0 || !rng.chance(0.18)) return text;
  const first = rng.pick(tags);
  const second = rng.chance(0.3) ? rng.pick(tags) : first;
  return second === first ? `${text} ${first}` : `${text} ${first} ${second}`;
}
