import { SHORTCUTS } from '../../app/shortcuts';
import { useWall } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';

/** The keyboard shortcuts, shown with `?`. */
export function HelpOverlay() {
  const open = useWall((s) => s.helpOpen);
  const close = useWall((s) => s.toggleHelp);
  if (!open) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      data-testid={TEST_IDS.helpOverlay}
      onClick={close}
    >
      <div className="panel" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <div className="keys">
          {SHORTCUTS.map((s) => (
            <div key={s.key} style={{ display: 'contents' }}>
              <kbd>{s.key}</kbd>
              <span>{s.label}</span>
            </div>
          ))}
        </div>
        <p>
          <button type="button" onClick={close}>
            Close (Esc)
          </button>
        </p>
      </div>
    </div>
  );
}
