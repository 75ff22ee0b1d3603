import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `line` in a spawned process's output as it arrives (`output` reads all of it so
 * far); rejects, with that output, if the process exits first.
 */
export function waitForOutput(child: ChildProcess, output: () => string, line: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`hub exited (${String(code)}) before listening:\n${output()}`));
    const onData = (): void => {
      const match = line.exec(output());
      if (match === null) return;
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      resolve(match);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

/** Stops a spawned process with SIGTERM, SIGKILL after `graceMs`; resolves once it has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
