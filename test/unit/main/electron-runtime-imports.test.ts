import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Only electron/main/main.ts (the bundle's entry) loads Electron's runtime; every other module of the host takes
 * the APIs it needs as arguments (DesktopElectronApis) and imports only Electron's types, so the whole host runs
 * in tests against a stand-in without mocking the `electron` module.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(ROOT, 'electron', 'main');
const ENTRY = 'main.ts';

const isElectron = (node: ts.Node | undefined): boolean =>
  node !== undefined && ts.isStringLiteralLike(node) && /^electron(\/|$)/.test(node.text);

/** A declaration that loads the module at run time: anything from electron but `import type` / `export type`. */
function runtimeDeclaration(node: ts.Node): boolean {
  if (ts.isImportDeclaration(node)) return isElectron(node.moduleSpecifier) && !node.importClause?.isTypeOnly;
  if (ts.isExportDeclaration(node)) return isElectron(node.moduleSpecifier) && !node.isTypeOnly;
  if (ts.isImportEqualsDeclaration(node)) {
    const reference = node.moduleReference;
    return !node.isTypeOnly && ts.isExternalModuleReference(reference) && isElectron(reference.expression);
  }
  return false;
}

/** A `require('electron')` or `import('electron')` call (not the type `typeof import('electron')`). */
function runtimeCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
  return loads && isElectron(node.arguments[0]);
}

/** The lines of `source` that load Electron's runtime. */
function electronRuntimeImports(fileName: string, source: string): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (runtimeDeclaration(node) || runtimeCall(node)) {
      lines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe("Electron's runtime in electron/main", () => {
  it('is loaded by main.ts alone; every other module imports only types', async () => {
    const files = (await readdir(MAIN)).filter((name) => name.endsWith('.ts'));
    const loading: string[] = [];
    for (const name of files) {
      if (electronRuntimeImports(name, await readFile(join(MAIN, name), 'utf8')).length > 0) loading.push(name);
    }
    expect(files.length).toBeGreaterThan(5);
    expect(loading).toEqual([ENTRY]);
  });

  it('spots every way of loading it, and lets type-only imports pass', () => {
    const probes: Record<string, number> = {
      "import { app } from 'electron';": 1,
      "import * as electron from 'electron';": 1,
      "import electron from 'electron';": 1,
      "import 'electron';": 1,
      "import { type App, shell } from 'electron';": 1,
      "export { shell } from 'electron';": 1,
      "import electron = require('electron');": 1,
      "const electron = require('electron');": 1,
      "const electron = await import('electron');": 1,
      "import { ipcMain } from 'electron/main';": 1,
      "import type { App } from 'electron';": 0,
      "import type * as Electron from 'electron';": 0,
      "export type { App } from 'electron';": 0,
      "type Apis = typeof import('electron');": 0,
      "import { join } from 'node:path';": 0,
    };
    const found = Object.fromEntries(
      Object.keys(probes).map((source) => [source, electronRuntimeImports('probe.ts', source).length]),
    );
    expect(found).toEqual(probes);
  });
});
