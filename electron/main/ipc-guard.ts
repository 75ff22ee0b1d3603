import { pathToFileURL } from 'node:url';
import { isCommandName } from '../../shared/contract';
import { appError, err, ok, type Result } from '../../shared/result';

/** What the main process knows about who sent an IPC message: the sending frame, if it still exists. */
export interface SenderInfo {
  readonly url: string;
  /** False for iframes: only the app's top-level page may call the hub. */
  readonly isMainFrame: boolean;
}

/** Runs a contract command on the core (which validates the payload itself). */
export type Invoke = (name: string, payload: unknown) => Promise<Result<unknown>>;

/** The file:// URL of the app's own page, as the renderer reports it. */
export function appIndexUrl(indexPath: string): string {
  return pathToFileURL(indexPath).href;
}

function filePathOf(url: string, platform: NodeJS.Platform): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  return platform === 'win32' ? path.toLowerCase() : path;
}

/** Accepts only the app's own index page, in its top-level frame; query and hash may differ. */
export function checkSender(
  sender: SenderInfo | null,
  indexUrl: string,
  platform: NodeJS.Platform = process.platform,
): Result<void> {
  if (!sender) return err(appError('forbidden-sender', 'The sending frame is gone.'));
  if (!sender.isMainFrame) return err(appError('forbidden-sender', 'Only the app window may call the hub.'));
  const expected = filePathOf(indexUrl, platform);
  const actual = filePathOf(sender.url, platform);
  if (expected === null || actual !== expected) {
    return err(appError('forbidden-sender', 'Only the app window may call the hub.'));
  }
  return ok(undefined);
}

/**
 * The IPC invoke handler's logic: checks the sender, then the command name, then lets the core validate and
 * run it. Never throws: whatever goes wrong comes back as a Result error the renderer can show.
 */
export async function guardedInvoke(
  invoke: Invoke,
  sender: SenderInfo | null,
  indexUrl: string,
  name: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  const allowed = checkSender(sender, indexUrl);
  if (!allowed.ok) return allowed;
  if (typeof name !== 'string' || !isCommandName(name)) {
    return err(appError('unknown-command', `Unknown command "${String(name).slice(0, 64)}".`));
  }
  try {
    return await invoke(name, payload);
  } catch (error) {
    return err(appError('internal', `${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
