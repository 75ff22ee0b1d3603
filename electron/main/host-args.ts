/** How the desktop app was asked to boot the hub: the same flags as `earshot serve`. */
export interface HostArgs {
  readonly configPath?: string;
  readonly demo?: boolean;
  readonly speed?: number;
}

/** A flag's value, whether given as `--name value` or `--name=value`; "" when the value is missing. */
function flagValue(argv: ReadonlyArray<string>, name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1] ?? '';
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * Reads `--config FILE`, `--demo` and `--speed N` from the process arguments (Chromium's own switches are
 * ignored), with EARSHOT_CONFIG as the config fallback. Returns a readable message for a bad value.
 */
export function parseHostArgs(
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>> = {},
): HostArgs | string {
  const configPath = flagValue(argv, 'config') ?? env.EARSHOT_CONFIG;
  const speedText = flagValue(argv, 'speed');
  const speed = speedText === undefined ? undefined : Number(speedText);
  if (speed !== undefined && !(speed > 0 && Number.isFinite(speed))) {
    return `--speed must be a positive number, got "${speedText ?? ''}".`;
  }
  if (configPath !== undefined && configPath.trim() === '') return '--config needs a file path.';
  return {
    ...(configPath !== undefined ? { configPath } : {}),
    ...(argv.includes('--demo') ? { demo: true } : {}),
    ...(speed !== undefined ? { speed } : {}),
  };
}
