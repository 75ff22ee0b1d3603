import { useMemo } from 'react';
import { CHANNELS, SENTIMENT_LABELS, type Mention } from '../../../shared/mention';
import { useWall } from '../../app/wall-context';
import { useWallDeferred } from '../../app/use-wall-deferred';
import { TEST_IDS } from '../../test-ids';
import { channelBadge } from '../feed/mention-view';
import { isPlainFeed, type FloorFilters } from './floor-query';

/** Influence choices: anyone, VIP authors only, or authors at least this heavy. */
const INFLUENCE: ReadonlyArray<{
  readonly value: string;
  readonly label: string;
  readonly patch: Partial<FloorFilters>;
}> = [
  { value: 'any', label: 'Any author', patch: { vipOnly: false, minAuthorWeight: null } },
  { value: 'vip', label: 'VIP only', patch: { vipOnly: true, minAuthorWeight: null } },
  { value: 'w2', label: 'Weight ≥ 2', patch: { vipOnly: false, minAuthorWeight: 2 } },
  { value: 'w5', label: 'Weight ≥ 5', patch: { vipOnly: false, minAuthorWeight: 5 } },
];

const influenceOf = (f: FloorFilters): string =>
  f.vipOnly ? 'vip' : f.minAuthorWeight === null ? 'any' : f.minAuthorWeight >= 5 ? 'w5' : 'w2';

/** The distinct values seen in the buffered posts (plus the chosen one), sorted: the choices of a filter. */
function choices(
  items: ReadonlyArray<Mention>,
  pick: (m: Mention) => ReadonlyArray<string>,
  chosen: string | null,
): string[] {
  const seen = new Set<string>(chosen === null ? [] : [chosen]);
  for (const m of items) for (const v of pick(m)) seen.add(v);
  return [...seen].sort();
}

/** One labelled filter select; '' stands for "all". */
function Select(props: {
  readonly label: string;
  readonly value: string;
  readonly all: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label className="filter">
      <span className="muted">{props.label}</span>
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const plain = (values: ReadonlyArray<string>) => values.map((v) => ({ value: v, label: v }));

/** The staff floor's filters: source, watchlist, sentiment, topic, language, influence, and the sort. */
export function FilterBar() {
  const f = useWall((s) => s.filters);
  // The choices follow the buffered posts, which change with every delta flush: worked out in a transition.
  const items = useWallDeferred((s) => s.mentions.items);
  const set = useWall((s) => s.setFilters);
  const reset = useWall((s) => s.resetFilters);
  const watchlists = useMemo(() => choices(items, (m) => [m.watchlist], f.watchlist), [items, f.watchlist]);
  const topics = useMemo(
    () => choices(items, (m) => m.enrichment.topics.map((t) => t.topic), f.topic),
    [items, f.topic],
  );
  const languages = useMemo(() => choices(items, (m) => [m.enrichment.language], f.language), [items, f.language]);
  const orNull = (v: string): string | null => (v === '' ? null : v);
  return (
    <div className="floor-filters" role="group" aria-label="Filters" data-testid={TEST_IDS.floorFilters}>
      <Select
        label="Source"
        all="All sources"
        value={f.channels[0] ?? ''}
        options={CHANNELS.map((c) => ({ value: c, label: channelBadge(c).name }))}
        onChange={(v) => set({ channels: CHANNELS.filter((c) => c === v) })}
      />
      <Select
        label="Watchlist"
        all="All watchlists"
        value={f.watchlist ?? ''}
        options={plain(watchlists)}
        onChange={(v) => set({ watchlist: orNull(v) })}
      />
      <Select
        label="Sentiment"
        all="Any sentiment"
        value={f.sentiment ?? ''}
        options={plain(SENTIMENT_LABELS)}
        onChange={(v) => set({ sentiment: SENTIMENT_LABELS.find((l) => l === v) ?? null })}
      />
      <Select
        label="Topic"
        all="Any topic"
        value={f.topic ?? ''}
        options={plain(topics)}
        onChange={(v) => set({ topic: orNull(v) })}
      />
      <Select
        label="Language"
        all="Any language"
        value={f.language ?? ''}
        options={plain(languages)}
        onChange={(v) => set({ language: orNull(v) })}
      />
      <Select
        label="Influence"
        all="Any author"
        value={influenceOf(f) === 'any' ? '' : influenceOf(f)}
        options={INFLUENCE.slice(1)}
        onChange={(v) => set(INFLUENCE.find((i) => i.value === v)?.patch ?? { vipOnly: false, minAuthorWeight: null })}
      />
      <label className="filter">
        <span className="muted">Sort</span>
        <select
          aria-label="Sort"
          value={f.sort}
          onChange={(e) => set({ sort: e.target.value === 'weight' ? 'weight' : 'time' })}
        >
          <option value="time">Newest first</option>
          <option value="weight">Author weight</option>
        </select>
      </label>
      {!isPlainFeed(f, '') && (
        <button type="button" onClick={reset}>
          Clear filters
        </button>
      )}
    </div>
  );
}
