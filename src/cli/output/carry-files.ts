import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'fs';
import { join } from 'path';

/** Codes with which a file system refuses a hard link that a copy still gets past. */
const NO_LINK = new Set(['EPERM', 'EXDEV', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Puts `names` (entries of `from`) into `to`, leaving `from` as it is: files as hard links (a copy where the file
 * system refuses one), folders entry by entry, symbolic links as links with the same target. A link costs no
 * space and no copying, and the old set keeps every file until it is removed as a whole.
 * @returns the entries that cannot be carried (sockets, FIFOs, devices), as paths under `from`
 */
export function carryEntries(from: string, to: string, names: Iterable<string>): string[] {
  const skipped: string[] = [];
  for (const name of names) {
    const source = join(from, name);
    const target = join(to, name);
    const stats = lstatSync(source);
    if (stats.isFile()) {
      try {
        linkSync(source, target);
      } catch (error) {
        if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        copyFileSync(source, target);
      }
    } else if (stats.isDirectory()) {
      mkdirSync(target, { mode: stats.mode & 0o7777 });
      skipped.push(...carryEntries(source, target, readdirSync(source)));
    } else if (stats.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else {
      skipped.push(source);
    }
  }
  return skipped;
}
