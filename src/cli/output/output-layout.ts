import { basename, dirname, join } from 'path';

/**
 * The file in an output folder that lists what synth wrote there (JSON: `{ "files": [...] }`). Its name has no
 * `.json`: `kubectl apply -f dist/` reads every `.json` and `.yaml` file of the folder, hidden ones too.
 */
export const RECORD_FILE = '.qcbm-fleet-files';

/**
 * The names synth keeps beside an output folder `<parent>/<base>`, all in `<parent>` (the same file system, so
 * every move is a `rename`) and all starting `.<base>.qcbm-` (`.gitignore`'s `.*.qcbm-*` covers them):
 * - `.<base>.qcbm-gen-<n>/`: a complete set; `<base>` is a symbolic link to the newest one
 * - `.<base>.qcbm-stage-XXXXXX/`: the set being written; never read, removed on every exit path
 * - `.<base>.qcbm-link-<pid>`: the new link, just before it is renamed over `<base>`
 * - `.<base>.qcbm-lock`: held while one process writes the folder (`-<pid>` while it is being taken)
 */
export interface OutputLayout {
  /** The output folder as readers name it. */
  readonly out: string;
  /** The folder `out` is in. */
  readonly parent: string;
  /** The lock file. */
  readonly lock: string;
  /** The prefix of a staging folder's path (its pid and a random part follow). */
  readonly stagePrefix: string;
  /** The new link's name before it replaces `out`. */
  readonly linkTemp: string;
  /** The path of generation `n`. */
  generation(n: number): string;
  /** The number of a generation's entry name in `parent` (or a link's target), else undefined. */
  generationNumber(name: string): number | undefined;
  /** True for an entry name in `parent` that a run left and no run needs: a staging folder, a new link. */
  isLeftover(name: string): boolean;
  /** The pid in the name of a lock being taken (`-<pid>`) or taken over (`-stale-<pid>`), else undefined. */
  lockTempPid(name: string): number | undefined;
}

/**
 * The temporary name a single file is written under in its folder before it is renamed over `file`: hidden, and
 * `.gitignore`'s `.*.qcbm-*` covers it. Synth does not carry such a file into a new set (its writer ended before it
 * renamed it: a writer holds the folder's lock while it writes there).
 */
export function temporaryNameOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.qcbm-tmp-${process.pid}`);
}

/** True for a `temporaryNameOf` name. */
export function isTemporaryName(name: string): boolean {
  return /^\..+\.qcbm-tmp-\d+$/.test(name);
}

/** The layout for the output folder `out` (an absolute path). */
export function outputLayout(out: string): OutputLayout {
  const parent = dirname(out);
  const hidden = `.${basename(out)}.qcbm-`;
  const at = (name: string) => join(parent, `${hidden}${name}`);
  const rest = (name: string) => (name.startsWith(hidden) ? name.slice(hidden.length) : undefined);
  return {
    out,
    parent,
    lock: at('lock'),
    stagePrefix: at('stage-'),
    linkTemp: at(`link-${process.pid}`),
    generation: (n) => at(`gen-${n}`),
    generationNumber: (name) => {
      const match = /^gen-([1-9]\d{0,15})$/.exec(rest(name) ?? '');
      return match ? Number(match[1]) : undefined;
    },
    isLeftover: (name) => /^(stage-.+|link-\d+)$/.test(rest(name) ?? ''),
    lockTempPid: (name) => {
      const match = /^lock-(?:stale-)?(\d+)$/.exec(rest(name) ?? '');
      return match ? Number(match[1]) : undefined;
    },
  };
}
