/**
 * Where source credentials live. The desktop app encrypts them with the OS keychain (Electron safeStorage);
 * the headless hub reads environment variables or a 0600 file. Values never reach logs or the renderer.
 */
export interface CredentialVault {
  /** The stored values for a source, or null when none are stored. */
  get(sourceId: string): Promise<Readonly<Record<string, string>> | null>;
  set(sourceId: string, values: Readonly<Record<string, string>>): Promise<void>;
}

/** A vault held in memory only: for tests and for hubs whose credentials all come from config. */
export function memoryVault(initial: Record<string, Record<string, string>> = {}): CredentialVault {
  const data = new Map(Object.entries(initial));
  return {
    get: async (sourceId) => data.get(sourceId) ?? null,
    set: async (sourceId, values) => {
      data.set(sourceId, { ...(data.get(sourceId) ?? {}), ...values });
    },
  };
}
