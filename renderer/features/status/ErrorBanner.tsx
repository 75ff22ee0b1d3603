import { useWall } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';

/** A readable banner while the hub is unreachable; the wall keeps showing the last data it had. */
export function ErrorBanner() {
  const link = useWall((s) => s.link);
  const ready = useWall((s) => s.ready);
  if (link.status === 'connected' || link.status === 'connecting') return null;
  return (
    <div className="error-banner" role="alert" data-testid={TEST_IDS.errorBanner}>
      <strong>Lost the connection to the hub.</strong> {link.lastError ?? ''}{' '}
      {ready ? 'Showing the last data received; it will refresh on reconnect.' : 'Retrying with backoff…'}
    </div>
  );
}
