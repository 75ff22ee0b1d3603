// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { layoutFromSearch } from '../../../../renderer/stores/settings-slice';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { makeMention, makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const SNAPSHOT = () => makeSnapshot(T0, { mentions: [makeMention(1, T0 - 1000, { text: 'post 1' })] });

describe('the three layouts', () => {
  it('reads the layout from the address: ?wall=1 is the executive display, ?view= any of the three', () => {
    expect(layoutFromSearch('?wall=1')).toBe('display');
    expect(layoutFromSearch('?view=board')).toBe('board');
    expect(layoutFromSearch('?view=floor&token=x')).toBe('floor');
    expect(layoutFromSearch('?view=nonsense')).toBeUndefined();
    expect(layoutFromSearch('')).toBeUndefined();
  });

  it('opens on the staff floor and switches with keys 1 / 2 / 3 and the tabs', async () => {
    await mountWall(<App />, { snapshot: SNAPSHOT });
    expect(await screen.findByTestId(TEST_IDS.layoutFloor)).toBeTruthy();
    fireEvent.keyDown(window, { key: '2' });
    expect(screen.getByTestId(TEST_IDS.layoutBoard)).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.layoutFloor)).toBeNull();
    fireEvent.keyDown(window, { key: '3' });
    expect(screen.getByTestId(TEST_IDS.layoutDisplay)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Staff floor/ }));
    expect(screen.getByTestId(TEST_IDS.layoutFloor)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Staff floor/ }).getAttribute('aria-pressed')).toBe('true');
  });
});
