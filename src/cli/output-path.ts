import { existsSync, realpathSync, statSync } from 'fs';
import { basename, dirname, join, relative, resolve, sep } from 'path';
import { UserError } from './errors';
import type { CliIo } from './io';

/** Folders of a repository no command writes into. */
const SOURCE_FOLDERS = ['src', 'test', '.git'] as const;

/**
 * Checks where a command is told to write, before it writes: never `/`, a repository's root or its `src/`,
 * `test/` or `.git/` (the source tree; the command's directory counts as a repository where it has no `.git`),
 * and an existing path only of the kind wanted (a folder for synth's YAML, a file for the plan's JSON). Symbolic
 * links are followed, so a link into `src/` is refused as `src/` is.
 * @param out the absolute path
 * @param wanted what `out` is: a folder written into, or a file written
 * @param example a file name for the fix, where `out` is a file
 * @throws UserError naming the flag, the path and the fix
 */
export function checkOutputPath(
  out: string,
  flag: string,
  wanted: 'folder' | 'file',
  io: CliIo,
  example = 'plan.json',
): void {
  const real = realPathOf(out);
  const refuse = (why: string, fix: string) => {
    throw new UserError(`${flag} ${out} ${why}`, fix);
  };
  const ownFolder =
    wanted === 'folder'
      ? 'give a folder of its own, e.g. dist'
      : `give a file in dist/, e.g. dist/${example}`;
  if (real === resolve('/')) refuse('is the root of the file system', ownFolder);
  const cwd = realPathOf(io.cwd);
  for (const root of [repositoryOf(cwd) ?? cwd, repositoryOf(real)]) {
    if (root === undefined) continue;
    if (real === root) refuse('is the root of the repository', ownFolder);
    for (const folder of SOURCE_FOLDERS) {
      const source = join(root, folder);
      if (real === source || real.startsWith(source + sep)) {
        refuse(`is in the repository's ${folder}/ (${relative(root, real) || folder})`, ownFolder);
      }
    }
  }
  const stats = statSync(out, { throwIfNoEntry: false });
  if (stats && wanted === 'folder' && !stats.isDirectory()) {
    refuse('is a file, not a folder', `give a folder, or move ${basename(out)} away`);
  }
  if (stats && wanted === 'file' && !stats.isFile()) {
    refuse(
      stats.isDirectory() ? 'is a folder, not a file' : 'is not a regular file',
      `give a file's path, e.g. ${join(out, example)}`,
    );
  }
}

/** `path` with every symbolic link of its existing part resolved; the part not there yet kept as written. */
function realPathOf(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

/** The repository `path` is in: the nearest folder at or above it that holds `.git`. */
function repositoryOf(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
