// Runs Electronegativity's scanner (its own runner, as its CLI does with `-i DIR -e VERSION`) with the network
// switched off, and writes the findings and parse errors as JSON. Used by electronegativity.test.ts:
//   node electronegativity-run.mjs <package dir> <input dir> <electron version> <output .json>
// The CLI always exits 0 and, with `-o`, drops parse errors silently; the runner returns both.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';

// No network: the tool looks up translations and Electron's release list online. Both are optional and
// fail fast here (EACCES is not an error its HTTP client retries), so a run is the same offline as online.
let blocked = 0;
net.Socket.prototype.connect = function connect() {
  blocked += 1;
  process.nextTick(() => this.destroy(Object.assign(new Error('network disabled for this scan'), { code: 'EACCES' })));
  return this;
};

const [packageDir, input, electronVersion, output] = process.argv.slice(2);
// The tool is CommonJS (Babel output): its runner is the package's main export.
const loaded = createRequire(import.meta.url)(packageDir);
const run = typeof loaded === 'function' ? loaded : loaded.default;

run(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    const issues = result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      description: issue.description,
    }));
    const checks = result.globalChecks + result.atomicChecks;
    writeFileSync(output, JSON.stringify({ checks, blockedConnections: blocked, errors: result.errors, issues }));
  },
  (error) => {
    process.stderr.write(`electronegativity failed: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
