import { mkdirSync, mkdtempSync } from 'fs';
import { join, resolve } from 'path';

/**
 * A fresh directory for a measurement's files, under the project's dist/ (where `synth` writes), not under the
 * system temp directory: on these machines creating a file in a new directory under /tmp has been measured at
 * about 1 ms against 0.05 ms under the project, which would make every write figure a figure of /tmp.
 */
export function benchWorkDir(prefix: string): string {
  const base = resolve(__dirname, '..', '..', 'dist', '.bench');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}
