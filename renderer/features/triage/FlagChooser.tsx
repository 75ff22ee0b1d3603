import { useMemo } from 'react';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { flagTo } from '../../app/triage-keys';
import { isOpenIncident, listedIncidents } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';

/** Picks the incident to flag the selected post to, when more than one is open and none is marked. */
export function FlagChooser() {
  const mentionId = useWall((s) => s.flagChooserFor);
  const incidents = useWall((s) => s.incidents);
  const close = useWall((s) => s.openFlagChooser);
  const store = useWallStore();
  const transport = useTransport();
  const open = useMemo(() => listedIncidents(incidents).filter(isOpenIncident), [incidents]);
  if (mentionId === null) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Flag the post to an incident"
      data-testid={TEST_IDS.flagChooser}
      onClick={() => close(null)}
    >
      <div className="panel" onClick={(e) => e.stopPropagation()}>
        <h2>Flag the post to…</h2>
        <div className="action-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          {open.map((i, n) => (
            <button
              key={i.id}
              type="button"
              autoFocus={n === 0}
              onClick={() => void flagTo(store, transport, i, mentionId)}
            >
              {i.severity} {i.title}
            </button>
          ))}
          <button type="button" onClick={() => close(null)}>
            Cancel (Esc)
          </button>
        </div>
      </div>
    </div>
  );
}
