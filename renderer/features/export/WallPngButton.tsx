import { useState } from 'react';
import { TEST_IDS } from '../../test-ids';
import { saveBlob } from './download';
import { renderWallPng } from './wall-png';

const stamp = (t: number): string => new Date(t).toISOString().slice(0, 16).replace(/[-:T]/g, '');

/** Saves a PNG of the wall as it is on screen (see wall-png.ts for why it is made in the page). */
export function WallPngButton(props: { readonly now: number }) {
  const [error, setError] = useState<string | null>(null);
  const onClick = async (): Promise<void> => {
    const root = document.querySelector<HTMLElement>(`[data-testid="${TEST_IDS.app}"]`) ?? document.body;
    try {
      saveBlob(`earshot-wall-${stamp(props.now)}.png`, await renderWallPng(root));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void onClick()}
        data-testid={TEST_IDS.exportPng}
        title="Save a PNG of this screen"
      >
        PNG of the wall
      </button>
      {error !== null && <span role="alert">PNG failed: {error}</span>}
    </>
  );
}
