import { isAbsolute, join } from 'path';
import { MAX_INPUT_FILE_BYTES, readBoundedText } from '../model/bounded-file';
import { UserError } from '../model/user-error';
import type { CliIo } from './io';

// The values of flags, checked where they are read: each error names the flag, the value and the form.

/** A path as given, relative to the command's directory. */
export function pathOf(path: string, io: CliIo): string {
  return isAbsolute(path) ? path : join(io.cwd, path);
}

/**
 * A file's text, read with a bound (a regular file of at most `MAX_INPUT_FILE_BYTES`).
 * @throws UserError naming the flag and the path
 */
export function readText(path: string, what: string): string {
  const read = readBoundedText(path, { maxBytes: MAX_INPUT_FILE_BYTES });
  if ('problem' in read) throw new UserError(`${what}: ${path} ${read.problem.message}`, read.problem.fix);
  return read.text;
}

/**
 * A Pulumi stack's name, as it goes into `Pulumi.<stack>.yaml` and `dist/plan-<stack>.json`: letters, digits,
 * `-`, `_` and `.`, never a path (no separator, no `..`).
 * @throws UserError naming the flag (or variable) and the form
 */
export function stackName(text: string, flag: string): string {
  if (/^[A-Za-z0-9_.-]+$/.test(text) && !text.includes('..')) return text;
  throw new UserError(
    `${flag} ${JSON.stringify(text)} is not a stack name: it may hold letters, digits, -, _ and . (no path, no ..)`,
    'give the name as `pulumi stack ls` shows it (Pulumi.<name>.yaml), or a stack file with --file',
  );
}

/** `NAME=VALUE` as its two parts. @throws UserError */
export function pair(entry: string, flag: string, form: string): [string, string] {
  const i = entry.indexOf('=');
  if (i <= 0 || i === entry.length - 1)
    throw new UserError(`${flag} ${entry} is not ${form}`, `write it as ${flag} ${form}`);
  return [entry.slice(0, i), entry.slice(i + 1)];
}

/**
 * A whole number above 0 (or, with `min` 0, 0 or more); its range is checked where the option is (in ops), so
 * the dry run and --execute refuse alike. @throws UserError
 */
export function integer(text: string, flag: string, min: 0 | 1 = 1): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    const form = min === 0 ? 'a whole number, 0 or more' : 'a whole number above 0';
    throw new UserError(`${flag} ${text} is not ${form}`, `give ${flag} ${form}`);
  }
  return n;
}
