import type { HubStatus } from '../../../shared/contract';
import type { SourceBinding } from '../api/source-admin';
import type { DetectionPort, SourceRunnerPort } from '../core-types';
import type { Attributor } from '../pipeline/attribute';
import type { Enricher } from '../pipeline/enrich/enricher';
import type { Clock } from '../runtime/clock';
import type { CredentialVault } from '../runtime/credentials';
import type { Logger } from '../runtime/logger';
import type { SourceRunnerOptions } from '../runtime/poller';
import type { Store } from '../store/repository';
import type { LocalUser } from '../config';
import type { EscalationPort } from '../escalation/port';
import type { SlaPolicy } from '../workflow/sla';
import type { SearchMentions } from '../export/mentions-export';
import type { PdfRenderer } from '../runtime/chromium-pdf';
import type { LeaseManager } from '../team/lease/lease-manager';
import type { TeamLink } from '../team/fanout/port';

/** Everything the core is built from: injected, so tests run it on a manual clock and a memory store. */
export interface CoreDeps {
  /** Hub time; may run faster than real time (demo, replay) or manually (tests). */
  readonly clock: Clock;
  /** Real-time timer for batching client deltas; defaults to the system clock. */
  readonly uiTimer?: Clock;
  readonly store: Store;
  readonly logger: Logger;
  readonly enricher: Enricher;
  readonly vault: CredentialVault;
  readonly sources: ReadonlyArray<SourceBinding>;
  readonly createRunner: (options: SourceRunnerOptions) => SourceRunnerPort;
  readonly detection?: DetectionPort;
  /** The attribute step: the hub's watchlists, compiled once. */
  readonly attributor: Attributor;
  readonly retentionDays: number;
  readonly mode?: HubStatus['mode'];
  /** Tells Slack, Teams, PagerDuty, webhooks and email of workflow transitions; default: nobody. */
  readonly escalation?: EscalationPort;
  /** The embedded hub's one local user; default "Local user", admin. */
  readonly user?: LocalUser;
  /** SLA targets per severity; default PRODUCT.md's. */
  readonly sla?: SlaPolicy;
  /** Prints a post-mortem's HTML to PDF (headless: Chromium if found; desktop: printToPDF); absent: no PDFs. */
  readonly renderPdf?: PdfRenderer;
  /** The mention search exports page through; default a scan of the store (until it answers searches itself). */
  readonly searchMentions?: SearchMentions;
  /** Which leased work (sources, detector, escalation) runs here; default a lone hub's: all of it, always. */
  readonly leases?: LeaseManager;
  /** Team mode: the link to the other hubs on the database, whose changes this hub's clients see too. */
  readonly team?: TeamLink;
}
