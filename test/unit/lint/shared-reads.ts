import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One place where a test source reaches for `../shared` (the datasets beside the checkout). */
export interface SharedRead {
  /** Path relative to the checkout. */
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** Names that only mean "the shared folder beside the checkout" (test/bench/shared-data.ts, scripts/train/data.ts). */
const BANNED_NAMES = new Set(['SHARED_DIR', 'EARSHOT_SHARED_DIR', 'AIRLINE_CSV']);
const SHARED_DATA_MODULE = /(^|[\\/])shared-data(\.[cm]?[jt]s)?$/;
const SHARED_CONTENT = /(^|[\\/])shared[\\/](datasets|benchmarks)([\\/]|$)/;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** True when `path` is `<parent of root>/shared` or inside it. */
function inOuterShared(path: string, root: string): boolean {
  const rel = relative(join(dirname(root), 'shared'), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why a string literal in `file` names ../shared, or null. */
function literalProblem(value: string, file: string, root: string): string | null {
  if (BANNED_NAMES.has(value)) return `names ${value}`;
  if (SHARED_DATA_MODULE.test(value)) return 'imports the benchmarks-only shared-data module';
  if (SHARED_CONTENT.test(value)) return `names ../shared's datasets or benchmarks ("${value}")`;
  if (value.startsWith('.') && inOuterShared(resolve(dirname(file), value), root))
    return `relative path "${value}" leaves the checkout for ../shared`;
  if (isAbsolute(value) && inOuterShared(value, root)) return `absolute path "${value}" is ../shared`;
  return null;
}

/** The statically known value of a path argument: a literal, or the file's own directory; else null. */
function argValue(arg: ts.Expression, file: string): string | null {
  if (ts.isStringLiteralLike(arg)) return arg.text;
  if (ts.isIdentifier(arg) && arg.text === '__dirname') return dirname(file);
  if (ts.isPropertyAccessExpression(arg) && arg.name.text === 'dirname' && ts.isMetaProperty(arg.expression))
    return dirname(file);
  return null;
}

/** Why a `join(...)`/`resolve(...)` call builds a path into ../shared, or null. */
function pathCallProblem(call: ts.CallExpression, file: string, root: string): string | null {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'join' && name !== 'resolve') return null;
  const values = call.arguments.map((a) => argValue(a, file));
  const known = values.filter((v): v is string => v !== null);
  if (known.length === values.length && known.length > 0) {
    const built = isAbsolute(known[0] ?? '') ? resolve(...known) : resolve(dirname(file), ...known);
    return inOuterShared(built, root) ? `${name}(...) builds a path into ../shared` : null;
  }
  // Unknown base (a ROOT constant...): `..` followed by a `shared` segment is the shared folder beside the base.
  const upThenShared = values.some(
    (v, i) => v !== null && /^shared([\\/]|$)/.test(v) && values.slice(0, i).some((u) => u?.startsWith('..')),
  );
  return upThenShared ? `${name}(..., '..', 'shared') builds a path to ../shared` : null;
}

/** Every ../shared read in one source text, as if it lived at `file` (absolute) in the checkout at `root`. */
export function findSharedReads(code: string, file: string, root: string): SharedRead[] {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, kind);
  const found: SharedRead[] = [];
  const report = (node: ts.Node, what: string): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file: relative(root, file), line, what });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && BANNED_NAMES.has(node.text)) report(node, `uses ${node.text}`);
    const problem = ts.isStringLiteralLike(node)
      ? literalProblem(node.text, file, root)
      : ts.isCallExpression(node)
        ? pathCallProblem(node, file, root)
        : null;
    if (problem !== null) report(node, problem);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && SOURCE.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** Scans every source file under `folders` (relative to `root`), except the files in `skip` (relative too). */
export async function scanForSharedReads(
  root: string,
  folders: ReadonlyArray<string>,
  skip: ReadonlyArray<string> = [],
): Promise<SharedRead[]> {
  const files = (await Promise.all(folders.map((f) => sourcesUnder(join(root, f))))).flat();
  const checked = files.filter((f) => !skip.includes(relative(root, f))).sort();
  const reads = await Promise.all(checked.map(async (f) => findSharedReads(await readFile(f, 'utf8'), f, root)));
  return reads.flat();
}
