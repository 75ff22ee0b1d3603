import type { Layout } from '../stores/settings-slice';
import { PublicModeToggle } from '../features/public/PublicText';
import { TEST_IDS } from '../test-ids';
import { useWall } from './wall-context';

const TABS: ReadonlyArray<{ readonly layout: Layout; readonly label: string; readonly key: string }> = [
  { layout: 'floor', label: 'Staff floor', key: '1' },
  { layout: 'board', label: 'Supervisor board', key: '2' },
  { layout: 'display', label: 'Executive display', key: '3' },
];

/** The three layouts as tabs (keys 1 / 2 / 3). */
export function LayoutTabs() {
  const layout = useWall((s) => s.layout);
  const view = useWall((s) => s.view);
  const setLayout = useWall((s) => s.setLayout);
  return (
    <nav className="layout-tabs" aria-label="Views" data-testid={TEST_IDS.layoutTabs}>
      {TABS.map((t) => (
        <button
          key={t.layout}
          type="button"
          className="layout-tab"
          aria-pressed={view === 'wall' && layout === t.layout}
          aria-keyshortcuts={t.key}
          onClick={() => setLayout(t.layout)}
        >
          {t.label} <kbd>{t.key}</kbd>
        </button>
      ))}
      <PublicModeToggle />
    </nav>
  );
}
