import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Electronegativity (Doyensec's Electron scanner) over the host and the renderer, with `-e` set to the installed
 * Electron. It always exits 0, so its findings are read and cross-checked: every HIGH or MEDIUM finding must be
 * explained in SECURITY.md's "Accepted Electronegativity findings" table (check id + file), and every row there
 * must still occur. A planted misconfiguration proves the scan really ran.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./electronegativity-run.mjs', import.meta.url));
const projectRequire = createRequire(join(ROOT, 'package.json'));
const run = promisify(execFile);

interface Finding {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  readonly confidence: string;
  readonly description: string;
}
interface Report {
  readonly checks: number;
  readonly blockedConnections: number;
  readonly errors: ReadonlyArray<{ file: string; message: string; tolerable: boolean }>;
  readonly issues: ReadonlyArray<Finding>;
}

/** A window no one should ship: the scan must report it. */
const CANARY = `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
`;

function packageDir(): string {
  try {
    return dirname(projectRequire.resolve('@doyensec/electronegativity/package.json'));
  } catch {
    throw new Error('@doyensec/electronegativity is not installed: run `npm ci` (it is a devDependency).');
  }
}

/** The accepted findings: rows "| `CHECK_ID` | `path` | … |" of SECURITY.md's table. */
async function acceptedFindings(): Promise<Array<{ id: string; file: string }>> {
  const text = await readFile(join(ROOT, 'SECURITY.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Accepted Electronegativity findings')) ?? '';
  return [...section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|/gm)].map(([, id = '', file = '']) => ({
    id,
    file,
  }));
}

let work = '';
let report: Report;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'earshot-electronegativity-'));
  const scan = join(work, 'scan');
  await cp(join(ROOT, 'electron'), join(scan, 'electron'), { recursive: true });
  await cp(join(ROOT, 'renderer'), join(scan, 'renderer'), { recursive: true });
  await mkdir(join(scan, 'canary'));
  await writeFile(join(scan, 'canary', 'window.js'), CANARY);
  const version = (projectRequire('electron/package.json') as { version: string }).version;
  const output = join(work, 'report.json');
  // TMPDIR: the tool caches Electron's release list in the temp folder; a fresh one keeps the run reproducible.
  const env = { ...process.env, TMPDIR: work, TMP: work, LANG: 'en-US' };
  await run(process.execPath, [RUNNER, packageDir(), scan, version, output], { env, timeout: 120_000 });
  report = JSON.parse(await readFile(output, 'utf8')) as Report;
}, 150_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const serious = (finding: Finding): boolean => finding.severity === 'HIGH' || finding.severity === 'MEDIUM';
const ours = (finding: Finding): boolean => !finding.file.startsWith('canary/');

describe('Electronegativity', () => {
  it('runs all its checks over every file, offline, without a parse error', () => {
    expect(report.checks).toBeGreaterThanOrEqual(40);
    expect(report.errors).toEqual([]);
    // It tried its optional online look-ups (translations, Electron releases) and went on without them.
    expect(report.blockedConnections).toBeGreaterThan(0);
  });

  it('reports the planted insecure window, so a clean result means something', () => {
    const canary = report.issues.filter((finding) => !ours(finding)).map((finding) => finding.id);
    expect(canary).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK']));
  });

  it('leaves no HIGH or MEDIUM finding unexplained in SECURITY.md', async () => {
    const accepted = await acceptedFindings();
    const unexplained = report.issues
      .filter((finding) => ours(finding) && serious(finding))
      .filter((finding) => !accepted.some((row) => row.id === finding.id && row.file === finding.file))
      .map((finding) => `${finding.id} ${finding.severity} ${finding.file}:${finding.line} (${finding.description})`);
    expect(unexplained).toEqual([]);
  });

  it('explains in SECURITY.md only findings that still occur', async () => {
    const accepted = await acceptedFindings();
    expect(accepted.length).toBeGreaterThan(0);
    const stale = accepted.filter((row) => !report.issues.some((f) => f.id === row.id && f.file === row.file));
    expect(stale).toEqual([]);
  });
});
