import { ChannelSchema, RawMentionSchema, type Channel, type RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import { parseTimestamp } from './timestamps';
import { decodeEntities } from '../html-to-text';

/** A row of an export file: CSV cells by lower-cased header, or a JSONL object's fields. */
export type ReplayRow = Readonly<Record<string, unknown>>;

const TIME_KEYS = ['created_at', 'createdat', 'tweet_created', 'timestamp', 'date', 'time'];
const ID_KEYS = ['id', 'tweet_id', 'external_id', 'externalid', 'id_str'];
const AUTHOR_KEYS = ['author', 'name', 'user', 'handle', 'username', 'screen_name'];
const CHANNEL_KEYS = ['source', 'channel'];
const FOLLOWER_KEYS = ['followers', 'followers_count', 'user_followers'];

/**
 * Maps one row to a RawMention. Required: `text` and a time (`created_at`, `createdAt`, `tweet_created` or
 * `timestamp`). Optional: id (`id`, `tweet_id`, `external_id`; else a hash of time, author and text, so a
 * re-run dedupes), author (`author`, `name`, `user`, `handle`; a JSONL author may be an object), channel
 * (`source`/`channel` naming a known channel, else `defaultChannel`), followers, url, watchlist. HTML entities are
 * decoded once (exports such as Twitter's keep `&amp;`); the wall shows the text as text anyway.
 */
export function mapRow(row: ReplayRow, defaultChannel: Channel): Result<RawMention> {
  const keyed = lowerKeys(row);
  const text = typeof keyed.text === 'string' ? decodeEntities(keyed.text) : undefined;
  if (text === undefined || text.trim() === '') return err(appError('replay-no-text', 'missing "text"'));
  const timeValue = firstDefined(keyed, TIME_KEYS);
  const createdAt = parseTimestamp(timeValue);
  if (createdAt === null) {
    return err(
      appError(
        'replay-bad-time',
        timeValue === undefined ? 'missing a time column' : `unreadable time "${String(timeValue).slice(0, 40)}"`,
      ),
    );
  }
  const author = readAuthor(keyed);
  const channelValue = firstDefined(keyed, CHANNEL_KEYS);
  const known = ChannelSchema.safeParse(
    typeof channelValue === 'string' ? channelValue.trim().toLowerCase() : channelValue,
  );
  const idValue = firstDefined(keyed, ID_KEYS);
  const externalId =
    idValue !== undefined && String(idValue).trim() !== ''
      ? String(idValue).trim()
      : contentId(createdAt, author.handle, text);
  const url = typeof keyed.url === 'string' && keyed.url !== '' ? keyed.url : undefined;
  const watchlist = typeof keyed.watchlist === 'string' && keyed.watchlist !== '' ? keyed.watchlist : undefined;
  const candidate = {
    externalId,
    channel: known.success ? known.data : defaultChannel,
    author,
    text,
    createdAt,
    ...(url ? { url } : {}),
    ...(watchlist ? { watchlist } : {}),
  };
  const parsed = RawMentionSchema.safeParse(candidate);
  if (!parsed.success) return err(appError('replay-invalid', parsed.error.issues[0]?.message ?? 'invalid row'));
  return ok(parsed.data);
}

function lowerKeys(row: ReplayRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k.trim().toLowerCase()] = v;
  return out;
}

function firstDefined(row: Readonly<Record<string, unknown>>, keys: ReadonlyArray<string>): unknown {
  for (const key of keys) {
    const value = row[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function readAuthor(row: Readonly<Record<string, unknown>>): RawMention['author'] {
  const value = firstDefined(row, AUTHOR_KEYS);
  const followersValue = firstDefined(row, FOLLOWER_KEYS);
  const followers = followersValue === undefined ? undefined : Number(followersValue);
  const withFollowers = followers !== undefined && Number.isInteger(followers) && followers >= 0 ? { followers } : {};
  if (value !== null && typeof value === 'object') {
    const o = lowerKeys(value as ReplayRow);
    const handle = firstDefined(o, ['handle', 'screen_name', 'username', 'name']);
    const name = typeof o.name === 'string' ? o.name.slice(0, 300) : undefined;
    const nested = Number(firstDefined(o, FOLLOWER_KEYS));
    return {
      handle: String(handle ?? 'unknown').slice(0, 200),
      ...(name ? { name } : {}),
      ...(Number.isInteger(nested) && nested >= 0 ? { followers: nested } : withFollowers),
    };
  }
  return { handle: value === undefined ? 'unknown' : String(value).trim().slice(0, 200), ...withFollowers };
}

/** A stable id from content: 2 x 32-bit FNV-1a, hex. */
function contentId(createdAt: number, handle: string, text: string): string {
  const key = `${createdAt}\u0000${handle}\u0000${text}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193 + 2);
  }
  return `row-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
