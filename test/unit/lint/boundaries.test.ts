import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** An existing file in tsconfig.node.json: the only kind of path that gets type information. */
const TYPED_PROBE = 'test/unit/lint/boundaries.test.ts';

let eslint: ESLint;

/** Lints `code` as if it lived at `filePath`; returns the rule ids reported (parse failures as "fatal: ..."). */
async function rules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const ELECTRON_IMPORT = "import { app } from 'electron';\nexport const ready = app.isReady();\n";
const NODE_FS_IMPORT = "import fs from 'node:fs';\nexport const exists = fs.existsSync('x');\n";

beforeAll(() => {
  // With CI=true typescript-eslint infers "single run" mode, which type-checks files as they are on disk and so
  // ignores the probe text lintText() passes for an existing file. The probes need the text to be linted.
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  });
});

describe('process boundaries (eslint.config.js)', () => {
  it('refuses electron in the core, shared and renderer, including type-only imports', async () => {
    expect(await rules('electron/core/runtime/probe.ts', ELECTRON_IMPORT)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
    expect(await rules('shared/probe.ts', ELECTRON_IMPORT)).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await rules('renderer/probe.tsx', ELECTRON_IMPORT)).toEqual(['@typescript-eslint/no-restricted-imports']);
    const typeOnly = "import type { App } from 'electron';\nexport type A = App;\n";
    expect(await rules('electron/core/probe.ts', typeOnly)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('allows electron in electron/main and electron/preload', async () => {
    expect(await rules('electron/main/probe.ts', ELECTRON_IMPORT)).toEqual([]);
    expect(await rules('electron/preload/probe.ts', ELECTRON_IMPORT)).toEqual([]);
  });

  it("lets the Electron host's tests use electron's types, never its runtime", async () => {
    const typeOnly = "import type { IpcMain } from 'electron';\nexport type M = IpcMain;\n";
    expect(await rules('test/unit/main/probe.test.ts', typeOnly)).toEqual([]);
    expect(await rules('test/unit/main/probe.test.ts', ELECTRON_IMPORT)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('refuses Node builtins in shared and renderer, with or without the node: prefix', async () => {
    expect(await rules('shared/probe.ts', NODE_FS_IMPORT)).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await rules('renderer/features/probe.tsx', NODE_FS_IMPORT)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
    const bare = "import { readFile } from 'fs/promises';\nexport const r = readFile;\n";
    expect(await rules('renderer/probe.ts', bare)).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await rules('electron/preload/probe.ts', bare)).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await rules('electron/core/probe.ts', NODE_FS_IMPORT)).toEqual([]);
  });

  it('refuses the core (and any of electron/) from the renderer, however it is reached', async () => {
    const core = "import { createCore } from '../../electron/core/create-core';\nexport const c = createCore;\n";
    expect(await rules('renderer/features/probe.tsx', core)).toEqual(['earshot/boundaries']);
    const dynamic = "export const load = () => import('../electron/core/config');\n";
    expect(await rules('renderer/probe.ts', dynamic)).toEqual(['earshot/boundaries']);
    const shared = "import { ok } from '../../shared/result';\nexport const o = ok;\n";
    expect(await rules('renderer/features/probe.tsx', shared)).toEqual([]);
  });

  it('keeps shared/ self-contained and free of React', async () => {
    const outside = "import { createCore } from '../electron/core/create-core';\nexport const c = createCore;\n";
    expect(await rules('shared/probe.ts', outside)).toEqual(['earshot/boundaries']);
    expect(await rules('shared/probe.ts', "import { ok } from './result';\nexport const o = ok;\n")).toEqual([]);
    const react = "import { useState } from 'react';\nexport const u = useState;\n";
    expect(await rules('shared/probe.ts', react)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('keeps React, console and the hosts out of the core', async () => {
    const react = "import { useState } from 'react';\nexport const u = useState;\n";
    expect(await rules('electron/core/probe.ts', react)).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await rules('electron/core/probe.ts', "console.log('hi');\n")).toEqual(['no-console']);
    const host = "import { thing } from '../main/main';\nexport const t = thing;\n";
    expect(await rules('electron/core/probe.ts', host)).toEqual(['earshot/boundaries']);
    const cli = "import { thing } from '../../cli/main';\nexport const t = thing;\n";
    expect(await rules('electron/core/runtime/probe.ts', cli)).toEqual(['earshot/boundaries']);
    expect(await rules('electron/headless/probe.ts', react)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('lets the sandboxed preload import only shared/ besides electron', async () => {
    const core = "import { fileVault } from '../core/runtime/file-vault';\nexport const f = fileVault;\n";
    expect(await rules('electron/preload/probe.ts', core)).toEqual(['earshot/boundaries']);
    const shared = "import { IPC_EVENT } from '../../shared/contract';\nexport const e = IPC_EVENT;\n";
    expect(await rules('electron/preload/probe.ts', shared)).toEqual([]);
  });
});

describe('type-aware rules', () => {
  it('reports a floating promise, and accepts it awaited or explicitly voided', async () => {
    const fn = 'async function work(): Promise<number> {\n  return 1;\n}\n';
    expect(await rules(TYPED_PROBE, `${fn}work();\n`)).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(
      await rules(
        TYPED_PROBE,
        `${fn}export async function main(): Promise<void> {\n  await work();\n}\nvoid work();\n`,
      ),
    ).toEqual([]);
  });

  it('refuses explicit any in shared/', async () => {
    expect(await rules('shared/probe.ts', 'export const parse = (x: any): string => String(x);\n')).toEqual([
      '@typescript-eslint/no-explicit-any',
    ]);
  });
});
