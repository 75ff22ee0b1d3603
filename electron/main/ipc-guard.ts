import { isCommandName } from '../../shared/contract';
import { appError, err, ok, errorMessage, type Result } from '../../shared/result';
import { isAppPage } from './app-protocol';

/** What the main process knows about who sent an IPC message: the sending frame, if it still exists. */
export interface SenderInfo {
  readonly url: string;
  /** False for iframes: only the app's top-level page may call the hub. */
  readonly isMainFrame: boolean;
}

/** Runs a contract command on the core (which validates the payload itself). */
export type Invoke = (name: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * Accepts only the app's own page (app://earshot/index.html, query and hash may differ) in its top-level frame:
 * not a file:// page, not another app:// path, not a subframe, not a frame that is gone.
 */
export function checkSender(sender: SenderInfo | null): Result<void> {
  if (!sender) return err(appError('forbidden-sender', 'The sending frame is gone.'));
  if (!sender.isMainFrame || !isAppPage(sender.url)) {
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
  name: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  const allowed = checkSender(sender);
  if (!allowed.ok) return allowed;
  if (typeof name !== 'string' || !isCommandName(name)) {
    return err(appError('unknown-command', `Unknown command "${String(name).slice(0, 64)}".`));
  }
  try {
    return await invoke(name, payload);
  } catch (error) {
    return err(appError('internal', `${name} failed: ${errorMessage(error)}`));
  }
}
