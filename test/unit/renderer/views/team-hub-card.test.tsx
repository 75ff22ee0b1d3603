// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TeamHubCard, teamHubConnector, type ConnectTeamHub } from '../../../../renderer/features/settings/TeamHubCard';
import { TEST_IDS } from '../../../../renderer/test-ids';

const TOKEN = `eat_${'k'.repeat(43)}`;

describe('Settings → "Connect to a team hub"', () => {
  it('is offered only where the desktop bridge can connect (never in a browser)', () => {
    expect(teamHubConnector(window)).toBeNull();
    const connect: ConnectTeamHub = async () => ({ ok: true, value: { origin: 'https://hub.example', user: null } });
    Reflect.set(window, 'earshot', {
      invoke: async () => null,
      onEvent: () => () => undefined,
      connectTeamHub: connect,
    });
    try {
      expect(teamHubConnector(window)).toBe(connect);
    } finally {
      Reflect.deleteProperty(window, 'earshot');
    }
  });

  it('sends the address and token to the app, clears the token field, and shows why a connection failed', async () => {
    const asked: Array<[string, string]> = [];
    const connect: ConnectTeamHub = async (url, token) => {
      asked.push([url, token]);
      return { ok: false, error: { code: 'not-https', message: 'must be reached over https://' } };
    };
    render(<TeamHubCard connect={connect} />);
    const url = screen.getByLabelText('Hub address') as HTMLInputElement;
    const token = screen.getByLabelText('Personal token') as HTMLInputElement;
    expect(token.type).toBe('password');
    const button = screen.getByRole('button', { name: 'Connect' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(url, { target: { value: 'http://hub.example' } });
    fireEvent.change(token, { target: { value: TOKEN } });
    fireEvent.click(button);
    const result = await screen.findByText('must be reached over https://');
    expect(result.dataset.testid).toBe(TEST_IDS.teamHubResult);
    expect(result.dataset.ok).toBe('false');
    expect(asked).toEqual([['http://hub.example', TOKEN]]);
    expect(token.value).toBe('');
    expect(document.body.innerHTML).not.toContain(TOKEN);
  });
});
