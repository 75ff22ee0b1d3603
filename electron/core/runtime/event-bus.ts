import type { HubEvent } from '../../../shared/contract';

/** A listener for hub events. */
export type HubEventListener = (event: HubEvent) => void;

/** The core's outgoing event stream. Hosts subscribe and carry events to their clients. */
export class EventBus {
  private readonly listeners = new Set<HubEventListener>();

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: HubEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: HubEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
