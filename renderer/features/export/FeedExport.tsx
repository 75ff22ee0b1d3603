import { useState } from 'react';
import type { ExportFilterRequest } from '../../../shared/export';
import { useTransport, useWall } from '../../app/wall-context';
import { mayRun } from '../../stores/roles';
import type { WallState } from '../../stores/wall-state';
import { TEST_IDS } from '../../test-ids';
import { saveBlob } from './download';

/**
 * The export filter for the feed as it stands: its search words for now. The staff floor's filters (source,
 * sentiment, topic, …) map onto the same `mentions:search` shape and belong here as they land.
 */
export function feedExportFilter(s: Pick<WallState, 'searchQuery'>): ExportFilterRequest {
  const text = s.searchQuery.trim();
  return text === '' ? {} : { text: text.slice(0, 200) };
}

const TYPES = { csv: 'text/csv;charset=utf-8', jsonl: 'application/x-ndjson' } as const;

/** CSV / JSON lines of every stored mention the feed's filter matches (the hub pages the store; capped, and says so). */
export function FeedExport(props: { readonly filter?: ExportFilterRequest }) {
  const transport = useTransport();
  const fromFeed = useWall((s) => s.searchQuery);
  const may = useWall((s) => mayRun(s.actor, 'mentions:export'));
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!may) return null;
  const filter = props.filter ?? feedExportFilter({ searchQuery: fromFeed });
  const run = async (format: 'csv' | 'jsonl'): Promise<void> => {
    setBusy(true);
    setNotice(null);
    const result = await transport.invoke('mentions:export', { filter, format });
    setBusy(false);
    if (!result.ok) return setNotice(`Export failed: ${result.error.message}`);
    setNotice(result.value.message);
    saveBlob(result.value.filename, new Blob([result.value.content], { type: TYPES[format] }));
  };
  return (
    <div className="export-row" aria-label="Export the feed">
      <span className="muted">
        Export {filter.text === undefined ? 'all posts' : `posts matching “${filter.text}”`}:
      </span>
      <button type="button" disabled={busy} onClick={() => void run('csv')} data-testid={TEST_IDS.exportCsv}>
        CSV
      </button>
      <button type="button" disabled={busy} onClick={() => void run('jsonl')} data-testid={TEST_IDS.exportJsonl}>
        JSONL
      </button>
      {notice !== null && (
        <span className="muted" role="status" data-testid={TEST_IDS.exportNotice}>
          {notice}
        </span>
      )}
    </div>
  );
}
