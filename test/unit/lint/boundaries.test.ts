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
    const core = "import { createCore } from '../../electron/core/boot/create-core';\nexport const c = createCore;\n";
    expect(await rules('renderer/features/probe.tsx', core)).toEqual(['earshot/boundaries']);
    const dynamic = "export const load = () => import('../electron/core/config');\n";
    expect(await rules('renderer/probe.ts', dynamic)).toEqual(['earshot/boundaries']);
    const shared = "import { ok } from '../../shared/result';\nexport const o = ok;\n";
    expect(await rules('renderer/features/probe.tsx', shared)).toEqual([]);
  });

  it('keeps shared/ self-contained and free of React', async () => {
    const outside = "import { createCore } from '../electron/core/boot/create-core';\nexport const c = createCore;\n";
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

describe('the core has one face', () => {
  it('refuses deep imports into the core from the hosts, the CLI and scripts', async () => {
    const deep = "import { bootHub } from '../core/boot/boot-hub';\nexport const b = bootHub;\n";
    expect(await rules('electron/headless/probe.ts', deep)).toEqual(['earshot/boundaries']);
    expect(await rules('electron/main/probe.ts', deep)).toEqual(['earshot/boundaries']);
    expect(await rules('electron/cli/probe.ts', deep)).toEqual(['earshot/boundaries']);
    const fromCommands =
      "import { openSqliteStore } from '../../core/store/sqlite/sqlite-store';\nexport const o = openSqliteStore;\n";
    expect(await rules('electron/cli/commands/probe.ts', fromCommands)).toEqual(['earshot/boundaries']);
    const script = "import { loadModel } from '../electron/core/pipeline/enrich/model';\nexport const l = loadModel;\n";
    expect(await rules('scripts/probe.ts', script)).toEqual(['earshot/boundaries']);
  });

  it('accepts the face, with or without its file name', async () => {
    const face = "import { bootHub } from '../core';\nexport const b = bootHub;\n";
    expect(await rules('electron/headless/probe.ts', face)).toEqual([]);
    const index = "import { bootHub } from '../../core/index';\nexport const b = bootHub;\n";
    expect(await rules('electron/cli/commands/probe.ts', index)).toEqual([]);
    const inside = "import { createLogger } from '../runtime/logger';\nexport const c = createLogger;\n";
    expect(await rules('electron/core/boot/probe.ts', inside)).toEqual([]);
  });
});

describe('the two hosts stay apart', () => {
  it('refuses electron/headless importing the Electron host or the CLI', async () => {
    const main = "import { thing } from '../main/window';\nexport const t = thing;\n";
    expect(await rules('electron/headless/probe.ts', main)).toEqual(['earshot/boundaries']);
    const cli = "import { thing } from '../cli/main';\nexport const t = thing;\n";
    expect(await rules('electron/headless/probe.ts', cli)).toEqual(['earshot/boundaries']);
  });

  it('refuses electron/main importing the headless host or the CLI', async () => {
    const headless =
      "import { startHeadlessServer } from '../headless/server';\nexport const s = startHeadlessServer;\n";
    expect(await rules('electron/main/probe.ts', headless)).toEqual(['earshot/boundaries']);
    const cli = "import { thing } from '../cli/main';\nexport const t = thing;\n";
    expect(await rules('electron/main/probe.ts', cli)).toEqual(['earshot/boundaries']);
  });
});

describe('the pure steps take time as an input', () => {
  const PURE = ['electron/core/pipeline/probe.ts', 'electron/core/detect/probe.ts', 'electron/core/incidents/probe.ts'];

  it('refuses Node builtins in normalize, enrich, detect and incidents', async () => {
    for (const file of [...PURE, 'electron/core/pipeline/enrich/probe.ts']) {
      expect(await rules(file, NODE_FS_IMPORT)).toEqual(['@typescript-eslint/no-restricted-imports']);
    }
  });

  it('refuses timers and clock reads there, and allows them in runtime/', async () => {
    const timer = 'export const t = setTimeout(() => undefined, 10);\n';
    const now = 'export const n = Date.now();\n';
    const date = 'export const d = new Date();\n';
    for (const file of PURE) {
      expect(await rules(file, timer)).toEqual(['no-restricted-globals']);
      expect(await rules(file, now)).toEqual(['no-restricted-syntax']);
      expect(await rules(file, date)).toEqual(['no-restricted-syntax']);
    }
    expect(await rules('electron/core/incidents/probe.ts', 'export const d = new Date(0).toISOString();\n')).toEqual(
      [],
    );
    expect(await rules('electron/core/runtime/probe.ts', timer)).toEqual([]);
    expect(await rules('electron/core/runtime/probe.ts', now)).toEqual([]);
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
