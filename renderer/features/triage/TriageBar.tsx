import { useWall } from '../../app/wall-context';
import { triageTarget } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';

/**
 * Above the feed: the search box (`/` focuses it; it searches every stored post: the live ones at once, history from
 * the hub), which incident the triage keys act on, and what the last triage key did.
 */
export function TriageBar() {
  const query = useWall((s) => s.searchQuery);
  const setQuery = useWall((s) => s.setSearchQuery);
  const target = useWall((s) => triageTarget(s));
  const notice = useWall((s) => s.notice);
  return (
    <div className="triage-bar" data-testid={TEST_IDS.triageBar}>
      <input
        type="search"
        aria-label="Search all posts"
        placeholder="/ search all posts"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur();
        }}
        data-testid={TEST_IDS.feedSearch}
      />
      <span className="muted">
        keys act on:{' '}
        {target === null ? (
          'no open incident'
        ) : (
          <strong>
            {target.severity} {target.title}
          </strong>
        )}
      </span>
      {notice !== null && (
        <span role="status" data-testid={TEST_IDS.triageNotice}>
          {notice}
        </span>
      )}
    </div>
  );
}
