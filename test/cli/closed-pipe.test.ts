import { spawn } from 'child_process';
import { join } from 'path';
import { REPO_ROOT } from '../support/repo-root';

test('a reader that closes the pipe early (| head) ends the command quietly, with no EPIPE trace', async () => {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'src/cli/bin.ts'), 'drill', '--help'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Closed before the command writes anything: every write it makes meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect({ code, stderr: stderr.replace(/^Warning: lib\/ is older.*\n/m, '') }).toEqual({
    code: 0,
    stderr: '',
  });
});
