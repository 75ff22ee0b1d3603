import type { Author, Channel } from '../../../../shared/mention';
import { assertNever } from '../../../../shared/assert-never';
import { Rng, hashInts } from './prng';

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Tom',
  'Chloe',
  'Liam',
  'Priya',
  'Oliver',
  'Sofia',
  'Jack',
  'Emma',
  'Noah',
  'Fatima',
  'Leo',
  'Hannah',
  'Arjun',
  'Grace',
  'Mateo',
  'Zoe',
  'Ben',
  'Lucia',
  'Kwame',
  'Ella',
  'Sam',
  'Ines',
  'Dan',
  'Mia',
  'Yusuf',
  'Ruby',
  'Luca',
  'Amara',
  'Finn',
  'Nadia',
  'Joe',
  'Hana',
  'Callum',
  'Freya',
  'Omar',
  'Isla',
  'Marek',
];
const LAST = [
  'Kowalski',
  'Smith',
  'Khan',
  'Murphy',
  'Okafor',
  'Garcia',
  'Patel',
  'Brown',
  'Rossi',
  'Nguyen',
  'Walsh',
  'Silva',
  'Jones',
  'Müller',
  'Dubois',
  'Evans',
  'Haddad',
  'Taylor',
  'Novak',
  'Reid',
  'Costa',
  'Ahmed',
  'Clarke',
  'Berg',
];
const SUFFIX = ['', '', '_', '88', '92', '_uk', 'x', '01', '_official', 'tweets', '_dev', 'writes', '2000', 'hq'];
const NOTABLE = [
  { name: 'Tech Money Weekly', handle: 'techmoneyweekly' },
  { name: 'Sara Fintech', handle: 'sarafintech' },
  { name: 'The Money Desk', handle: 'themoneydesk' },
  { name: 'Gadget Guru', handle: 'gadgetguru' },
  { name: 'Holly Reports', handle: 'hollyreports' },
  { name: 'Consumer Watch UK', handle: 'consumerwatchuk' },
  { name: 'Daniel Okoro', handle: 'danokoro' },
  { name: 'Neobank News', handle: 'neobanknews' },
];
const MASTODON_HOSTS = ['mastodon.social', 'fosstodon.org', 'mstdn.social', 'hachyderm.io', 'mastodon.online'];

/** A simulated person: one name, a base handle, a follower count and a verified flag. */
export interface SimPerson {
  readonly name: string;
  readonly base: string;
  readonly followers: number;
  readonly verified: boolean;
  readonly host: string;
}

const POOL_SIZE = 2500;
const pools = new Map<number, ReadonlyArray<SimPerson>>();

/**
 * The seed's population. Followers are log-normal (median ~150), and a handful of notable accounts have
 * 50k–200k followers; most of those are verified.
 */
export function personPool(seed: number): ReadonlyArray<SimPerson> {
  const cached = pools.get(seed);
  if (cached) return cached;
  const rng = new Rng(hashInts(seed, 0xa17));
  const people: SimPerson[] = [];
  for (let i = 0; i < POOL_SIZE; i++) people.push(ordinaryPerson(rng));
  NOTABLE.forEach((n, i) => {
    people[i * 37 + 11] = {
      name: n.name,
      base: n.handle,
      followers: rng.between(50_000, 200_000),
      verified: rng.chance(0.75),
      host: rng.pick(MASTODON_HOSTS),
    };
  });
  if (pools.size > 8) pools.clear();
  pools.set(seed, people);
  return people;
}

function ordinaryPerson(rng: Rng): SimPerson {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const style = rng.int(4);
  const lastAscii = last
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  const base =
    style === 0
      ? `${first.toLowerCase()}${rng.pick(SUFFIX)}`
      : style === 1
        ? `${first.toLowerCase()}_${lastAscii}`
        : style === 2
          ? `${first[0]?.toLowerCase() ?? 'x'}${lastAscii}${rng.between(1, 99)}`
          : `${first}${last[0] ?? ''}${rng.pick(SUFFIX)}`;
  const followers = Math.min(40_000, Math.floor(Math.exp(Math.log(150) + 1.5 * rng.normal())));
  return { name: `${first} ${last}`, base, followers, verified: rng.chance(0.004), host: rng.pick(MASTODON_HOSTS) };
}

/** Picks a person: a skewed draw so some customers post often and most rarely. */
export function pickPerson(pool: ReadonlyArray<SimPerson>, rng: Rng): SimPerson {
  const index = Math.floor(pool.length * Math.pow(rng.next(), 1.8));
  return (
    pool[Math.min(index, pool.length - 1)] ?? {
      name: 'Anon',
      base: 'anon',
      followers: 0,
      verified: false,
      host: 'mastodon.social',
    }
  );
}

/** The person's Bluesky handle (no underscores there). */
export const blueskyHandle = (person: SimPerson): string =>
  `${person.base.replace(/_/g, '-').toLowerCase()}.bsky.social`;

/** How `person` appears on `channel`: store and review sites show a nickname and no followers. */
export function authorOn(person: SimPerson, channel: Channel): Author {
  switch (channel) {
    case 'x':
      return { handle: person.base, name: person.name, followers: person.followers, verified: person.verified };
    case 'bluesky':
      return { handle: blueskyHandle(person), name: person.name, followers: Math.round(person.followers * 0.4) };
    case 'mastodon':
      return {
        handle: `${person.base}@${person.host}`,
        name: person.name,
        followers: Math.round(person.followers * 0.2),
      };
    case 'reddit':
      return { handle: `u/${person.base}` };
    case 'appstore':
    case 'googleplay':
    case 'trustpilot':
      return {
        handle: person.name.split(' ')[0] + (person.base.length % 3 === 0 ? '' : person.base.slice(-2)),
        name: person.name,
      };
    case 'rss':
    case 'ingest':
      return { handle: person.base, name: person.name };
    default:
      return assertNever(channel, 'channel');
  }
}
