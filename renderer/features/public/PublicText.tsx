import { useWall } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { maskAuthor, maskPublicText } from './mask';

/** A post's text as this screen may show it: as is, masked, or not at all (charts only). Always rendered as text. */
export function PublicText({ text }: { readonly text: string }) {
  const mode = useWall((s) => s.publicMode);
  if (mode === 'charts') return <span className="muted">(post hidden on a public screen)</span>;
  return <>{mode === 'off' ? text : maskPublicText(text)}</>;
}

/** An author's handle (with its @) as this screen may show it. */
export function PublicAuthor({ handle }: { readonly handle: string }) {
  const mode = useWall((s) => s.publicMode);
  return <>@{mode === 'off' ? handle.replace(/^@/, '') : maskAuthor(handle)}</>;
}

const LABEL = {
  off: 'Public screen: off',
  masked: 'Public screen: posts masked',
  charts: 'Public screen: charts only',
};

/** The public-screen toggle (key p, or `?public=1` / `?public=charts` in the address), on every view. */
export function PublicModeToggle() {
  const mode = useWall((s) => s.publicMode);
  const cycle = useWall((s) => s.cyclePublicMode);
  return (
    <button
      type="button"
      className="layout-tab public-toggle"
      aria-keyshortcuts="p"
      aria-pressed={mode !== 'off'}
      data-public-mode={mode}
      data-testid={TEST_IDS.publicToggle}
      onClick={cycle}
    >
      {LABEL[mode]} <kbd>p</kbd>
    </button>
  );
}
