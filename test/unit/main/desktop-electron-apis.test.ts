import type * as Electron from 'electron';
import { describe, expectTypeOf, it } from 'vitest';
import type { DesktopElectronApis } from '../../../electron/main/electron-apis';

/**
 * The desktop host is typed against DesktopElectronApis, not the `electron` module, so tests can hand it a
 * stand-in. tsc (npm run typecheck) checks here that the real module, as its shipped .d.ts describes it,
 * satisfies that interface: a narrowing that drifted from Electron's real API fails the type check.
 */
describe('DesktopElectronApis', () => {
  it("is satisfied by the real electron module's type", () => {
    expectTypeOf<typeof Electron>().toExtend<DesktopElectronApis>();
    const asHostSees = (electron: typeof Electron): DesktopElectronApis => electron;
    expectTypeOf(asHostSees).returns.toEqualTypeOf<DesktopElectronApis>();
  });
});
