import type { SourceView } from '../../../shared/contract';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { Connector } from '../connectors/connector';
import type { Clock } from '../runtime/clock';
import type { CredentialVault } from '../runtime/credentials';

/** A configured source as the core runs it. */
export interface SourceBinding {
  readonly connector: Connector;
  readonly credentialFields: ReadonlyArray<string>;
  /** Credential fields the source works without; they do not count towards "configured". */
  readonly optionalCredentialFields?: ReadonlyArray<string>;
}

/** How long (hub time, on the injected clock) a "test connection" may take before it is aborted. */
export const TEST_CONNECTION_TIMEOUT_MS = 20_000;

/** The settings screen's view of sources: listing, credentials (write-only) and "test connection". */
export interface SourceAdmin {
  views(): SourceView[];
  refresh(): Promise<void>;
  test(sourceId: string): Promise<{ ok: boolean; message: string }>;
  setCredentials(sourceId: string, values: Readonly<Record<string, string>>): Promise<Result<{ configured: boolean }>>;
}

/** Builds the source admin over the configured bindings. Credentials go into the vault and never come back out. */
export function createSourceAdmin(
  sources: ReadonlyArray<SourceBinding>,
  vault: CredentialVault,
  clock: Clock,
  isRunning: (sourceId: string) => boolean,
): SourceAdmin {
  const configured = new Map<string, boolean>();
  const find = (id: string): SourceBinding | undefined => sources.find((s) => s.connector.id === id);
  const refreshOne = async ({
    connector,
    credentialFields,
    optionalCredentialFields = [],
  }: SourceBinding): Promise<void> => {
    const stored = await vault.get(connector.id);
    const required = credentialFields.filter((f) => !optionalCredentialFields.includes(f));
    configured.set(
      connector.id,
      required.every((f) => Boolean(stored?.[f])),
    );
  };
  return {
    views: () =>
      sources.map(({ connector, credentialFields }) => ({
        sourceId: connector.id,
        kind: connector.kind,
        label: connector.label,
        enabled: isRunning(connector.id),
        credentialFields: [...credentialFields],
        configured: configured.get(connector.id) ?? false,
        spend: connector.spend?.view(clock.now()) ?? null,
      })),
    refresh: async () => {
      await Promise.all(sources.map(refreshOne));
    },
    async test(sourceId) {
      const binding = find(sourceId);
      if (!binding) return { ok: false, message: `No source "${sourceId}".` };
      const blocked = binding.connector.spend?.blockedUntil(clock.now()) ?? null;
      if (blocked !== null) return { ok: false, message: capMessage(binding.connector, clock.now()) };
      return testConnection(binding.connector, clock);
    },
    async setCredentials(sourceId, values) {
      const binding = find(sourceId);
      if (!binding) return err(appError('unknown-source', `No source "${sourceId}".`));
      const unknown = Object.keys(values).filter((k) => !binding.credentialFields.includes(k));
      if (unknown.length > 0)
        return err(appError('invalid-request', `Unknown credential field(s): ${unknown.join(', ')}.`));
      await vault.set(sourceId, values);
      await refreshOne(binding);
      return ok({ configured: configured.get(sourceId) ?? false });
    },
  };
}

/** Why a test at the daily spend cap is refused: a test reads billed items like a poll does. */
function capMessage(connector: Connector, now: number): string {
  const view = connector.spend?.view(now);
  const cap = view?.capUsdPerDay ?? 0;
  return (
    `${connector.label}: daily spend cap reached ($${cap} a day, ${view?.readsToday ?? 0} reads today). ` +
    'A test connection reads billed items too, so it is refused until midnight UTC.'
  );
}

/** One poll-sized request against the source with its stored credentials, committing nothing; aborted after the timeout. */
async function testConnection(connector: Connector, clock: Clock): Promise<{ ok: boolean; message: string }> {
  const now = clock.now();
  const controller = new AbortController();
  const cancel = clock.setTimeout(() => controller.abort(), TEST_CONNECTION_TIMEOUT_MS);
  try {
    if (connector.testConnection) {
      const result = await connector.testConnection(controller.signal);
      return result.ok ? { ok: true, message: result.value } : { ok: false, message: result.error.message };
    }
    const outcome = await connector.poll({ signal: controller.signal, now, cursor: null });
    switch (outcome.kind) {
      case 'ok':
        return { ok: true, message: `Connected: ${outcome.items.length} item(s) on the first page.` };
      case 'rate-limited':
        return { ok: true, message: `Connected, but rate-limited until ${new Date(outcome.until).toISOString()}.` };
      case 'auth-error':
      case 'transient':
      case 'config-error':
        return { ok: false, message: outcome.message };
    }
  } finally {
    cancel();
  }
}
