import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

/** The newest modification time (ms) of the TypeScript sources and compiler settings of a checkout. */
function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) {
    if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  }
  return newest;
}

/**
 * In a source checkout (`src/` beside `lib/`): true when a source changed after the last build (the stamp
 * `scripts/build.js` writes), i.e. `lib/` would run code that is not the current source. False in an installed
 * package (no `src/`).
 */
export function libIsStale(root: string): boolean {
  const stamp = join(root, 'lib', '.build-stamp');
  if (!existsSync(join(root, 'src'))) return false;
  if (!existsSync(stamp)) return true;
  return newestSource(root) > statSync(stamp).mtimeMs;
}
