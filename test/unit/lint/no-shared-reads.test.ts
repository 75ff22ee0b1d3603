import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSharedReads, scanForSharedReads } from './shared-reads';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Tests run on a fresh clone with nothing beside it: these folders may not read `../shared`. */
const TEST_FOLDERS = ['test/unit', 'test/integration', 'test/e2e', 'test/helpers', 'test/fixtures'];
/** The checker itself: its probes spell out what it refuses. */
const CHECKER = ['test/unit/lint/shared-reads.ts', 'test/unit/lint/no-shared-reads.test.ts'];

/** What the checker says about `code` placed at `file` (relative to the checkout). */
const whats = (file: string, code: string): string[] =>
  findSharedReads(code, join(ROOT, file), ROOT).map((r) => r.what);

describe('no test reads ../shared', () => {
  it('refuses the ways a test could reach the datasets beside the checkout', () => {
    const probes: ReadonlyArray<readonly [string, string]> = [
      ['test/unit/x/probe.test.ts', "import { AIRLINE_CSV } from '../../bench/shared-data';\n"],
      ['test/integration/probe.test.ts', "export const load = () => import('../bench/shared-data.ts');\n"],
      ['test/unit/x/probe.test.ts', "const p = join(__dirname, '../../../../shared/datasets/a/Tweets.csv');\n"],
      ['test/unit/probe.test.ts', "const dir = fileURLToPath(new URL('../../../shared', import.meta.url));\n"],
      ['test/e2e/probe.test.ts', "const dir = join(__dirname, '..', '..', '..', 'shared');\n"],
      ['test/helpers/probe.ts', "const dir = resolve(import.meta.dirname, '../../..', 'shared');\n"],
      ['test/unit/probe.test.ts', "const dir = join(ROOT, '..', 'shared', 'benchmarks');\n"],
      ['test/unit/probe.test.ts', "const dir = process.env.EARSHOT_SHARED_DIR ?? '/tmp';\n"],
      ['test/unit/probe.test.ts', "const dir = process.env['EARSHOT_SHARED_DIR'];\n"],
      ['test/unit/probe.test.ts', "import { SHARED_DIR } from '../../scripts/train/data';\n"],
      ['test/fixtures/probe.ts', `const csv = ${JSON.stringify(join(ROOT, '..', 'shared', 'x.csv'))};\n`],
      ['test/integration/probe.test.ts', "readFile('/data/shared/datasets/airline-tweets/Tweets.csv');\n"],
    ];
    for (const [file, code] of probes) expect(whats(file, code), code).not.toEqual([]);
  });

  it("lets tests use the repo's own shared/ folder and their own fixtures", () => {
    const fine: ReadonlyArray<readonly [string, string]> = [
      ['test/unit/x/probe.test.ts', "import { ok } from '../../../shared/result';\n"],
      ['test/integration/probe.test.ts', "const f = join(__dirname, '../fixtures/airline/synthetic-tweets.csv');\n"],
      ['test/unit/probe.test.ts', "const c = join(ROOT, 'shared', 'contract.ts');\n"],
      ['test/integration/probe.test.ts', "const attack = '/../../../etc/passwd';\n"],
      ['test/unit/probe.test.ts', "import { score } from '../bench/nab/scorer';\n"],
    ];
    for (const [file, code] of fine) expect(whats(file, code), code).toEqual([]);
  });

  it('finds no ../shared read under test/unit, test/integration, test/e2e, test/helpers or test/fixtures', async () => {
    expect(await scanForSharedReads(ROOT, TEST_FOLDERS, CHECKER)).toEqual([]);
  });
});
