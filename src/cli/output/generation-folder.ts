import { existsSync, lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { UserError } from '../errors';
import type { OutputLayout } from './output-layout';
import { processRuns } from './output-lock';

/** What readers of an output folder see now. */
export type OutputState =
  /** Nothing there (or a link to a generation that is gone). */
  | { readonly kind: 'none' }
  /** A link to the generation `folder`. */
  | { readonly kind: 'link'; readonly folder: string }
  /** A real folder: a first run's, or a user's own folder. */
  | { readonly kind: 'folder'; readonly folder: string };

/**
 * `out` with every symbolic link on it that is not synth's own link followed: a user's `dist -> /data/dist` is
 * written at `/data/dist` (with its generations beside it there), and the user's link keeps working.
 */
export function followForeignLinks(
  out: string,
  isOwnLink: (path: string, target: string) => boolean,
): string {
  let path = out;
  for (let hops = 0; hops < 40; hops++) {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats?.isSymbolicLink()) return path;
    const target = readlinkSync(path);
    if (isOwnLink(path, target)) return path;
    path = resolve(dirname(path), target);
  }
  throw Object.assign(new Error(`too many symbolic links: ${out}`), {
    code: 'ELOOP',
    syscall: 'realpath',
    path: out,
  });
}

/** What `layout.out` is now. */
export function outputState(layout: OutputLayout): OutputState {
  const stats = lstatSync(layout.out, { throwIfNoEntry: false });
  if (!stats) return { kind: 'none' };
  if (stats.isSymbolicLink()) {
    const folder = join(layout.parent, readlinkSync(layout.out));
    return existsSync(folder) ? { kind: 'link', folder } : { kind: 'none' };
  }
  if (stats.isDirectory()) return { kind: 'folder', folder: layout.out };
  throw new UserError(`${layout.out} is not a folder`, `give a folder, or move ${basename(layout.out)} away`);
}

/** The generations beside `out`, by number. */
export function generations(layout: OutputLayout): Map<number, string> {
  const found = new Map<number, string>();
  for (const name of readdirSync(layout.parent)) {
    const n = layout.generationNumber(name);
    if (n !== undefined) found.set(n, join(layout.parent, name));
  }
  return found;
}

/**
 * Removes what earlier runs left beside `out` and no run needs: staging folders, new links, and the files of a
 * lock being taken whose process is gone (a live one's is its own until it has the lock or gives up).
 */
export function removeLeftovers(layout: OutputLayout): void {
  for (const name of readdirSync(layout.parent)) {
    const pid = layout.lockTempPid(name);
    if (layout.isLeftover(name) || (pid !== undefined && !processRuns(pid))) {
      rmSync(join(layout.parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * Where `out` is gone but generations are left (a run ended between moving a real folder aside and linking its
 * new set, or a tool removed the link: `cdk8s synth` empties its output folder by removing it), links `out` to
 * the newest generation again: every generation is a complete set, and the newest is the last one written.
 * @returns the generation linked, if one was
 */
export function restoreLink(layout: OutputLayout, env: FaultEnv): string | undefined {
  const newest = [...generations(layout)].sort(([a], [b]) => b - a)[0]?.[1];
  if (newest !== undefined) switchLink(layout, newest, env);
  return newest;
}

/** The environment that may name a step to fail (tests only). */
export type FaultEnv = Readonly<Record<string, string | undefined>>;

/**
 * Makes `stage` the set readers see, in renames that each leave a complete set in view: `stage` becomes a new
 * generation, then a new link to it is renamed over `out` (`rename` replaces a link in one step). A real folder
 * at `out` is first moved aside as a generation of its own, numbered below the new one (so that a restore after
 * an end between the two steps links the new set); this is the one moment, on the first run only, when `out` is
 * briefly absent, since `rename` cannot put a link over a folder. A failure undoes what was done, leaving `out`
 * as it was.
 * @returns the new generation
 */
export function commitGeneration(
  layout: OutputLayout,
  before: OutputState,
  stage: string,
  env: FaultEnv,
): string {
  const next = Math.max(0, ...generations(layout).keys()) + 1;
  const aside = before.kind === 'folder' ? layout.generation(next) : undefined;
  const generation = layout.generation(aside ? next + 1 : next);
  fault(env, 'generation', stage);
  renameSync(stage, generation);
  let moved = false;
  try {
    if (aside) {
      fault(env, 'aside', layout.out);
      renameSync(layout.out, aside);
      moved = true;
    }
    switchLink(layout, generation, env);
    return generation;
  } catch (error) {
    if (moved && aside) renameSync(aside, layout.out);
    rmSync(generation, { recursive: true, force: true });
    throw error;
  }
}

/** Removes every generation but `keep`: after the switch, nobody is shown them. */
export function removeOtherGenerations(layout: OutputLayout, keep: string): void {
  for (const folder of generations(layout).values()) {
    if (folder !== keep) rmSync(folder, { recursive: true, force: true });
  }
}

function switchLink(layout: OutputLayout, generation: string, env: FaultEnv): void {
  rmSync(layout.linkTemp, { force: true });
  symlinkSync(basename(generation), layout.linkTemp);
  try {
    fault(env, 'switch', layout.out);
    renameSync(layout.linkTemp, layout.out);
  } catch (error) {
    rmSync(layout.linkTemp, { force: true });
    throw error;
  }
}

/**
 * Fails the step `step` as a failing `rename` would (EIO) where `$QCBM_FLEET_TEST_FAULT` names it: the process
 * tests' way to make a rename fail at a chosen point, which no file-system state can do at that moment.
 */
function fault(env: FaultEnv, step: 'generation' | 'aside' | 'switch', path: string): void {
  if (env.QCBM_FLEET_TEST_FAULT !== step) return;
  throw Object.assign(new Error(`EIO: i/o error, rename '${path}' (QCBM_FLEET_TEST_FAULT=${step})`), {
    code: 'EIO',
    syscall: 'rename',
    path,
  });
}
