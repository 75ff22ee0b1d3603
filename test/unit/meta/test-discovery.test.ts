import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Every config `npm test` runs; a test file none of them includes never runs. */
const CONFIGS = ['vitest.config.ts', 'vitest.e2e.config.ts'];
/** What counts as a test file, whatever its extension: `*.test.ts`, `*.test.tsx`, `*.test.mts`… */
const TEST_FILE = /\.test\.[^./]+$/;

const toPosix = (path: string): string => path.split(sep).join('/');

/** test/**\/*.test.*, relative to the repository, sorted. */
function testFilesOnDisk(): string[] {
  const entries = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' });
  return entries
    .map((entry) => `test/${toPosix(entry)}`)
    .filter((path) => TEST_FILE.test(path))
    .sort();
}

/** The files a config's include/exclude select, asked of Vitest itself (the same glob it runs). */
async function filesSelectedBy(config: string): Promise<string[]> {
  const vitest = await createVitest('test', { root: ROOT, config, watch: false, reporters: [] });
  try {
    const specs = await vitest.globTestSpecifications();
    return specs.map((spec) => toPosix(relative(ROOT, spec.moduleId)));
  } finally {
    await vitest.close();
  }
}

describe('test discovery (vitest.config.ts, vitest.e2e.config.ts)', () => {
  it('runs every test file under test/, so none is silently skipped', async () => {
    const selected = new Set((await Promise.all(CONFIGS.map(filesSelectedBy))).flat());
    const onDisk = testFilesOnDisk();
    expect(onDisk.filter((file) => !selected.has(file))).toEqual([]);
    // The comparison means something only if the walk found the suite.
    expect(onDisk.length).toBeGreaterThan(80);
  });
});
