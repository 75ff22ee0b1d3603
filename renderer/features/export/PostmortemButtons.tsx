import { useState } from 'react';
import { useTransport } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { saveExportFile } from './download';

/**
 * Downloads an incident's post-mortem (timeline, evidence, actions, MTTA/MTTR) as the HTML the hub renders or
 * as PDF (the hub prints that HTML: Chromium headless, printToPDF on the desktop). A refusal is shown as said.
 */
export function PostmortemButtons(props: { readonly incidentId: string }) {
  const transport = useTransport();
  const [busy, setBusy] = useState<'html' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'html' | 'pdf'): Promise<void> => {
    setBusy(format);
    const result = await transport.invoke('incident:postmortem', { id: props.incidentId, format });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    saveExportFile(result.value);
  };
  return (
    <div className="export-row">
      <span className="muted">Post-mortem:</span>
      <button
        type="button"
        disabled={busy !== null}
        onClick={() => void run('html')}
        data-testid={TEST_IDS.postmortemHtml}
      >
        HTML
      </button>
      <button
        type="button"
        disabled={busy !== null}
        onClick={() => void run('pdf')}
        data-testid={TEST_IDS.postmortemPdf}
      >
        {busy === 'pdf' ? 'PDF…' : 'PDF'}
      </button>
      {error !== null && (
        <span role="alert" className="action-error">
          Post-mortem failed: {error}
        </span>
      )}
    </div>
  );
}
