import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { bootHub, parseSourceConfig, type BootOptions, type Hub, type Logger } from '../core';
import type { SafeStorageLike } from './safe-storage-vault';
import { parseHostArgs } from './host-args';
import { safeStorageVault } from './safe-storage-vault';
import { configuredLinkHosts } from './security';

/** How the desktop app boots its hub: the process arguments, the data folder and the booter itself. */
export interface DesktopHubOptions {
  readonly argv: ReadonlyArray<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's userData folder: config.json and credentials.json live here. */
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly logger: Logger;
  readonly bootHub?: (options: BootOptions) => Promise<Hub>;
  /** Prints post-mortems to PDF (the app's printToPDF). */
  readonly renderPdf?: BootOptions['renderPdf'];
}

/**
 * Boots the same hub as `earshot serve`, with the flags of `earshot serve`, `<userData>/config.json` when
 * present and credentials in the safeStorage vault. Throws with a message for the user when it cannot.
 */
export async function startDesktopHub(options: DesktopHubOptions): Promise<Hub> {
  const args = parseHostArgs(options.argv, options.env);
  if (typeof args === 'string') throw new Error(args);
  const { dataDir, logger } = options;
  const configPath = args.configPath ?? (await existingFile(join(dataDir, 'config.json')));
  const vault = safeStorageVault(join(dataDir, 'credentials.json'), options.safeStorage, {
    onProblem: (message) => logger.warn(message),
  });
  const boot = options.bootHub ?? bootHub;
  const renderPdf = options.renderPdf === undefined ? {} : { renderPdf: options.renderPdf };
  return boot({ ...args, ...(configPath ? { configPath } : {}), dataDir, vault, logger, ...renderPdf });
}

/** The hosts whose links may open in the OS browser: those of the hub's configured sources. */
export function hubLinkHosts(hub: Hub): ReadonlyArray<string> {
  return configuredLinkHosts(hub.config.sources.map(withDefaults));
}

/** The path when a file is there: the desktop app reads `<userData>/config.json` unless told otherwise. */
async function existingFile(path: string): Promise<string | undefined> {
  try {
    await access(path);
    return path;
  } catch {
    return undefined;
  }
}

/** A source entry with its schema's defaults applied (Mastodon's default instance has no entry of its own). */
function withDefaults(entry: unknown): unknown {
  const parsed = parseSourceConfig(entry);
  return parsed.ok ? parsed.value.config : entry;
}
