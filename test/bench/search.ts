/**
 * bench:search — the staff floor's history search on the embedded store: seeds N mentions (default 200,000;
 * `--n 50000`), then times typical searches (first page, a deep page, rare and common words, filters, weight
 * order) and the prune of a tenth. Prints one line per case and a closing `search_…` line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import type { Mention } from '../../shared/mention';
import type { MentionSearch } from '../../shared/search';

const WORDS = ['app', 'down', 'login', 'refund', 'card', 'transfer', 'slow', 'great', 'support', 'fee', 'branch'];
const RARE = 'zanzibar';
const T0 = Date.UTC(2026, 0, 1);

function seeded(n: number): Mention {
  const pick = (k: number): string => WORDS[(n * 7 + k * 13) % WORDS.length] ?? 'app';
  const text = `${pick(1)} ${pick(2)} ${pick(3)} post ${n}${n % 10_000 === 0 ? ` ${RARE}` : ''}`;
  return {
    id: `bench:${n}`,
    sourceId: 'bench',
    channel: n % 3 === 0 ? 'reddit' : 'x',
    externalId: String(n),
    author: { handle: `user${n % 5000}` },
    text,
    language: n % 10 === 0 ? 'es' : 'en',
    createdAt: T0 + n * 1000,
    receivedAt: T0 + n * 1000,
    watchlist: 'nimbus',
    metadata: {},
    enrichment: {
      sentiment: { label: n % 4 === 0 ? 'negative' : 'neutral', score: 0, confidence: 0.8 },
      topics: n % 5 === 0 ? [{ topic: 'login', terms: ['login'] }] : [],
      language: n % 10 === 0 ? 'es' : 'en',
      authorWeight: (n % 17) / 4,
      vip: n % 97 === 0,
    },
  };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--n');
  const n = at > 0 ? Number(process.argv[at + 1]) : 200_000;
  const dir = await mkdtemp(join(tmpdir(), 'earshot-bench-search-'));
  const store = await openSqliteStore(join(dir, 'earshot.db'));
  const seedStart = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await store.commitBatch(
      'bench',
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => seeded(i + k)),
      null,
    );
  }
  const seedMs = performance.now() - seedStart;
  console.log(`seeded ${n} mentions in ${(seedMs / 1000).toFixed(1)} s (${Math.round(n / (seedMs / 1000))}/s)`);

  const cases: Array<[string, MentionSearch]> = [
    ['first page', { limit: 50 }],
    ['rare word', { text: RARE, limit: 50 }],
    ['common word', { text: 'app', limit: 50 }],
    ['two words, prefix', { text: 'app lo', limit: 50 }],
    ['filters', { sentiment: 'negative', topic: 'login', channels: ['x'], limit: 50 }],
    ['vip only', { vipOnly: true, limit: 50 }],
    ['weight order', { sort: 'weight', limit: 50 }],
    ['word + weight order', { text: 'card', sort: 'weight', limit: 50 }],
  ];
  const figures: Record<string, number> = {};
  for (const [name, query] of cases) {
    const start = performance.now();
    const page = await store.searchMentions(query);
    let deep = page;
    for (let p = 0; p < 20 && deep.next !== null; p++)
      deep = await store.searchMentions({ ...query, cursor: deep.next });
    const ms = performance.now() - start;
    figures[name] = ms / 21;
    console.log(`${name.padEnd(22)} ${(ms / 21).toFixed(2)} ms/page (21 pages, ${page.items.length} per page)`);
  }
  const pruneStart = performance.now();
  const pruned = await store.prune(T0 + Math.floor(n / 10) * 1000);
  const pruneMs = performance.now() - pruneStart;
  console.log(`pruned ${pruned} in ${pruneMs.toFixed(0)} ms`);
  await store.close();
  await rm(dir, { recursive: true, force: true });
  const worst = Math.max(...Object.values(figures));
  console.log(
    `search_n=${n} first_page_ms=${(figures['first page'] ?? 0).toFixed(2)} common_word_ms=${(figures['common word'] ?? 0).toFixed(2)} worst_page_ms=${worst.toFixed(2)} prune_ms=${pruneMs.toFixed(0)}`,
  );
}

await main();
