import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface TsConfig {
  readonly extends?: string;
  readonly files?: ReadonlyArray<string>;
  readonly references?: ReadonlyArray<{ readonly path: string }>;
  readonly compilerOptions?: { readonly strict?: boolean };
}

const read = (name: string): TsConfig => JSON.parse(readFileSync(join(ROOT, name), 'utf8')) as TsConfig;

describe('tsconfig.json (what editors open)', () => {
  it('is a solution that references the node and web projects, so an editor checks every file as the build does', () => {
    const solution = read('tsconfig.json');
    expect(solution.files).toEqual([]);
    expect(solution.references?.map((r) => r.path).sort()).toEqual(['./tsconfig.node.json', './tsconfig.web.json']);
  });

  it('has every referenced project strict, through the base config', () => {
    expect(read('tsconfig.base.json').compilerOptions?.strict).toBe(true);
    for (const project of ['tsconfig.node.json', 'tsconfig.web.json']) {
      const config = read(project);
      expect(config.extends).toBe('./tsconfig.base.json');
      expect(config.compilerOptions?.strict).not.toBe(false);
    }
  });
});
