// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { StatusBar } from '../../../../renderer/features/status/StatusBar';
import {
  syncNotifications,
  type NotificationApi,
  type NotifyEnv,
} from '../../../../renderer/features/notify/browser-notifications';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { loadSettings, syncDisplaySettings } from '../../../../renderer/theme/settings-storage';
import type { Incident } from '../../../../shared/incident';
import type { Role } from '../../../../shared/workflow';
import { makeActor, makeIncident, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

/** A stand-in for the browser's Notification API (jsdom has none): records what the wall shows. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static readonly requestPermission = vi.fn(async (): Promise<NotificationPermission> => {
    FakeNotification.permission = 'granted';
    return 'granted';
  });
  static shown: FakeNotification[] = [];
  onclick: ((this: Notification, ev: Event) => unknown) | null = null;
  readonly close = vi.fn();
  constructor(
    readonly title: string,
    readonly options?: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}
const api = FakeNotification as unknown as NotificationApi;

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

const p1 = (id: string, over: Partial<Incident> = {}) =>
  makeIncident(id, T0, { title: `outage ${id}`, severity: 'P1', workflow: makeWorkflow(T0), ...over });

/** Mounts the status bar as `role` with the notifier running; `existing` is in the first snapshot. */
async function notifierAs(role: Role, existing: Incident[] = []) {
  const mounted = await mountWall(<StatusBar />, {
    snapshot: () => makeSnapshot(T0, { incidents: existing }),
    answer: workflowAnswers({ actor: makeActor(role), incidents: () => [] }),
  });
  const env: NotifyEnv = { api, playP1: vi.fn(), focusWindow: vi.fn() };
  onTestFinished(syncNotifications(mounted.store, env));
  await waitFor(() => expect(mounted.store.getState().actor?.role).toBe(role));
  const open = (...incidents: Incident[]) => mounted.hub.push({ name: 'incidents:changed', payload: { incidents } });
  return { ...mounted, env, open };
}

const allow = async () => {
  fireEvent.click(screen.getByRole('button', { name: 'enable alerts' }));
  await screen.findByTestId(TEST_IDS.dndToggle);
};

describe('browser notifications', () => {
  it('never asks on load; asks when the user clicks, then offers do-not-disturb', async () => {
    await notifierAs('supervisor');
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await allow();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId(TEST_IDS.dndToggle).textContent).toBe('alerts on');
  });

  it('says so when the browser blocks notifications', async () => {
    FakeNotification.permission = 'denied';
    await notifierAs('supervisor');
    expect((await screen.findByTestId(TEST_IDS.notifyToggle)).textContent).toBe('alerts blocked');
  });

  it('tells supervisors of new P1 and P2 incidents, with the sound for P1; a click focuses the incident', async () => {
    const { env, open, store } = await notifierAs('supervisor', [p1('old')]);
    await allow();
    open(p1('a'));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    const [first] = FakeNotification.shown;
    expect(first?.title).toBe('P1: outage a');
    expect(first?.options?.body).toBe('14.0/min vs 1.2 usual · x · "log in"');
    expect(env.playP1).toHaveBeenCalledTimes(1);
    open(p1('b', { severity: 'P2' }), makeIncident('c', T0, { severity: 'P3', workflow: makeWorkflow(T0) }));
    await waitFor(() => expect(FakeNotification.shown.map((n) => n.title)).toEqual(['P1: outage a', 'P2: outage b']));
    expect(env.playP1).toHaveBeenCalledTimes(1);
    first?.onclick?.call(first as unknown as Notification, new Event('click'));
    expect(env.focusWindow).toHaveBeenCalled();
    expect(store.getState().focusedIncidentId).toBe('a');
    expect(first?.close).toHaveBeenCalled();
  });

  it('tells staff of P1 only (and of a P2 once upgraded), never of acknowledged ones', async () => {
    const { open } = await notifierAs('staff');
    await allow();
    open(p1('b', { severity: 'P2' }), p1('acked', { workflow: makeWorkflow(T0, { state: 'acknowledged' }) }));
    open(p1('b'));
    await waitFor(() => expect(FakeNotification.shown.map((n) => n.title)).toEqual(['P1: outage b']));
  });

  it('stays silent under do-not-disturb, which is remembered', async () => {
    const { env, open, store } = await notifierAs('supervisor');
    onTestFinished(syncDisplaySettings(store, window.localStorage, document.documentElement));
    await allow();
    fireEvent.click(screen.getByTestId(TEST_IDS.dndToggle));
    expect(screen.getByTestId(TEST_IDS.dndToggle).textContent).toBe('do not disturb (alerts off)');
    expect(loadSettings(window.localStorage, true).doNotDisturb).toBe(true);
    open(p1('quiet'));
    open(p1('quiet-2'));
    await waitFor(() => expect(store.getState().incidents.has('quiet-2')).toBe(true));
    expect(FakeNotification.shown).toEqual([]);
    expect(env.playP1).not.toHaveBeenCalled();
  });

  it('tells executives nothing', async () => {
    const { open, store } = await notifierAs('executive');
    await allow();
    open(p1('x'));
    await waitFor(() => expect(store.getState().incidents.has('x')).toBe(true));
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('who this desk is', () => {
  it('shows the name and role the hub answered, or read-only when it would not say', async () => {
    await notifierAs('staff');
    expect((await screen.findByTestId(TEST_IDS.actorRole)).textContent).toBe('Dana staff · staff');
  });

  it('is read-only when session:whoami fails', async () => {
    const { store } = await mountWall(<StatusBar />, {
      answer: (name) =>
        name === 'session:whoami'
          ? { ok: false, error: { code: 'unknown-command', message: 'no such command' } }
          : undefined,
    });
    const role = await screen.findByTestId(TEST_IDS.actorRole);
    expect(role.textContent).toBe('read-only (the hub did not say who you are)');
    expect(role.title).toBe('no such command');
    expect(store.getState().actor).toBeNull();
  });
});
