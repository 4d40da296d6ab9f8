import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { hostname } from 'os';
import { UserError } from '../errors';

/** A lock this process holds. */
export interface HeldLock {
  /** True while the lock file is still this process's (nobody removed it or took it over). */
  stillHeld(): boolean;
  /** Removes the lock file, if it is still this process's. */
  release(): void;
}

/** Options of `acquireOutputLock`. */
export interface OutputLockOptions {
  /** How long to wait for a live holder to end before stopping with its pid. @default 0 */
  readonly waitMs?: number;
}

/** The lock files this process holds: a lock with this process's pid that is not one of them is stale. */
const held = new Set<string>();

/**
 * Takes the lock file `lock` for writing `out`: created whole in one step (a hard link of a file holding this
 * process's pid, host and start, so no reader ever sees it half written), or refused when it exists. A lock
 * whose process is gone (its pid not running on this host) is taken over: moved aside by one `rename`, which only
 * one of several takers can win, and checked to be the stale lock that was seen.
 * @throws UserError naming the other process's pid, when a live one holds the lock after `waitMs`
 */
export function acquireOutputLock(lock: string, out: string, options: OutputLockOptions = {}): HeldLock {
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`;
  const temp = `${lock}-${process.pid}`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  writeFileSync(temp, mine);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, lock);
        held.add(lock);
        return heldLock(lock, mine);
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
      const holder = readHolder(lock);
      if (holder === undefined) continue; // released meanwhile
      if (!holder.alive && attempt < 100) {
        takeOver(lock, holder.text);
        continue;
      }
      if (Date.now() < deadline) {
        sleep(50);
        continue;
      }
      const who = holder.pid !== undefined ? `pid ${holder.pid}` : 'another process';
      const where = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
      throw new UserError(
        `${out} is being written by another qcbm-fleet (${who}${where}${holder.since ? `, since ${holder.since}` : ''}); its lock is ${lock}`,
        `wait for it to end and run again; if no such process runs (${who} is another program now), remove ${lock}`,
      );
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

function heldLock(lock: string, mine: string): HeldLock {
  const stillHeld = () => readText(lock) === mine;
  return {
    stillHeld,
    release: () => {
      if (!held.delete(lock)) return;
      if (stillHeld()) rmSync(lock, { force: true });
    },
  };
}

interface Holder {
  readonly text: string;
  readonly pid?: number;
  readonly host?: string;
  readonly since?: string;
  readonly alive: boolean;
}

function readHolder(lock: string): Holder | undefined {
  const text = readText(lock);
  if (text === undefined) return undefined;
  let parsed: { pid?: unknown; host?: unknown; since?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not a lock this program wrote whole: nothing holds it.
  }
  const pid =
    Number.isSafeInteger(parsed.pid) && (parsed.pid as number) > 0 ? (parsed.pid as number) : undefined;
  const host = typeof parsed.host === 'string' ? parsed.host : undefined;
  const since = typeof parsed.since === 'string' ? parsed.since : undefined;
  // Another host's process cannot be seen from here: it counts as alive.
  const alive =
    pid !== undefined && (host !== undefined && host !== hostname() ? true : isRunning(pid, lock));
  return { text, pid, host, since, alive };
}

function isRunning(pid: number, lock: string): boolean {
  return pid === process.pid ? held.has(lock) : processRuns(pid);
}

/** True while a process with this pid runs on this host (as any user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM'; // running, as another user
  }
}

/** Moves a stale lock away; puts it back when what was moved is not the stale lock seen (another took it over). */
function takeOver(lock: string, staleText: string): void {
  const grave = `${lock}-stale-${process.pid}`;
  try {
    renameSync(lock, grave);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  try {
    if (readText(grave) !== staleText) linkSync(grave, lock);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') throw error;
  } finally {
    rmSync(grave, { force: true });
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function codeOf(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
