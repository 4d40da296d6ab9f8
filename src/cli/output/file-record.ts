import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { RECORD_FILE } from './output-layout';

/** What a folder's record says synth wrote there. */
export type FileRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly why: string }
  | { readonly kind: 'listed'; readonly files: ReadonlySet<string> };

/**
 * The record in `folder`: the names synth wrote there last time. Only plain names in the folder count (a record
 * can never name a file elsewhere); a missing record is `none`, one that cannot be read is `unreadable`, and both
 * mean that synth removes nothing it does not write now.
 */
export function readFileRecord(folder: string): FileRecord {
  let text: string;
  try {
    text = readFileSync(join(folder, RECORD_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', why: code ?? String(error) };
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (!Array.isArray(files)) return { kind: 'unreadable', why: 'it has no "files" list' };
    return { kind: 'listed', files: new Set(files.filter(isPlainName)) };
  } catch {
    return { kind: 'unreadable', why: 'it is not JSON' };
  }
}

/** Writes the record of `files` (names in `folder`) into `folder`. */
export function writeFileRecord(folder: string, files: readonly string[]): void {
  const record = { writtenBy: 'qcbm-fleet synth', files: [...files].sort() };
  writeFileSync(join(folder, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

function isPlainName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}
