import { spawn } from 'child_process';
import { repoPath } from '../../support/repo-root';

/**
 * Runs a script of test/ops/support in a process of its own (where the real @kubernetes/client-node, an ES
 * module jest cannot load, works): sends `input` as JSON on stdin and resolves with the JSON it prints, plus how
 * long it took.
 */
export function runJsonChild<T>(script: string, input: unknown): Promise<T & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', repoPath(`test/ops/support/${script}`)],
      { cwd: repoPath('.'), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve({ ...(JSON.parse(out) as T), ms: Date.now() - started });
      } catch {
        reject(new Error(`${script} printed ${JSON.stringify(out)}; stderr: ${err}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}
