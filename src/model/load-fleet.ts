import { basename } from 'path';
import { readStackFileText } from './bounded-file';
import type { Fleet } from './fleet-schema';
import { parseFleet } from './parse-fleet';
import { parseStackYaml } from './stack-yaml';
import { ValidationError } from './validation-error';

/** The config namespace of the project's keys (`qcbm:`), as `new pulumi.Config(...)` takes it. */
export const CONFIG_NAMESPACE = 'qcbm';
/** The key, within `CONFIG_NAMESPACE`, of the fleet description. */
export const FLEET_CONFIG_NAME = 'fleet';
/** The stack config key that holds the fleet description. */
export const FLEET_CONFIG_KEY = `${CONFIG_NAMESPACE}:${FLEET_CONFIG_NAME}`;

/**
 * Reads the fleet description from a Pulumi stack file (`Pulumi.<stack>.yaml`, key `qcbm:fleet`), so the
 * cdk8s app and the Pulumi program share one file per environment.
 * @throws ValidationError for a file that cannot be read, is not YAML, or holds an invalid fleet
 */
export function loadFleetFromStackFile(path: string): Fleet {
  return fleetOfStackDocument(readStackDocument(path), path);
}

export function parseFleetFromStackYaml(text: string, source: string): Fleet {
  return fleetOfStackDocument(parseStackDocument(text, source), source);
}

/**
 * A stack file as a YAML document, read with a bound (`readStackFileText`: a regular file of at most
 * `MAX_STACK_FILE_BYTES`).
 * @throws ValidationError for a file that cannot be read, is not a regular file, is too large or is not YAML,
 * naming the file and the fix
 */
export function readStackDocument(path: string): unknown {
  const read = readStackFileText(path);
  if ('problem' in read) throw new ValidationError(path, [{ path: 'file', ...read.problem }]);
  return parseStackDocument(read.text, path);
}

/**
 * How deep a stack file's mappings and lists may nest. A fleet with a merge patch of a Kubernetes object nests
 * about 20 levels; much deeper input would overflow the stack of the parser or of the checks after it.
 */
export const MAX_YAML_NESTING = 200;

const NESTING_ISSUE = {
  path: 'file',
  message: `nests mappings and lists more than ${MAX_YAML_NESTING} levels deep`,
  fix: `nest at most ${MAX_YAML_NESTING} levels deep (a Kubernetes object needs about 20)`,
};

function parseStackDocument(text: string, source: string): unknown {
  let doc: unknown;
  try {
    doc = parseStackYaml(text);
  } catch (e) {
    // The parser recurses per level: very deep input overflows the stack before any depth could be checked.
    if (e instanceof RangeError || /Maximum call stack size exceeded/.test((e as Error).message)) {
      throw new ValidationError(source, [NESTING_ISSUE]);
    }
    throw new ValidationError(source, [
      { path: 'file', message: `is not valid YAML: ${(e as Error).message}`, fix: 'correct the YAML syntax' },
    ]);
  }
  if (nestingOf(doc) > MAX_YAML_NESTING) throw new ValidationError(source, [NESTING_ISSUE]);
  return doc;
}

/** How many mappings and lists deep a parsed document goes, counted without recursion. */
function nestingOf(doc: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[doc, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > MAX_YAML_NESTING) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The fleet of a stack file already read (`readStackDocument`), for a command that needs the file's other config
 * too and reads it once.
 * @throws ValidationError when the file has no `qcbm:fleet`, or the fleet is invalid
 */
export function fleetOfStackDocument(doc: unknown, source: string): Fleet {
  const config = (doc as { config?: Record<string, unknown> } | null)?.config;
  const fleet = config?.[FLEET_CONFIG_KEY];
  if (fleet === undefined) {
    throw new ValidationError(source, [
      {
        path: `config["${FLEET_CONFIG_KEY}"]`,
        message: 'is missing',
        fix: `add the fleet description under config: ${FLEET_CONFIG_KEY}:`,
      },
    ]);
  }
  return parseFleet(fleet, source);
}

/** `Pulumi.prod.yaml` -> `prod`. */
export function stackNameOf(path: string): string | undefined {
  return /^Pulumi\.(.+)\.ya?ml$/.exec(basename(path))?.[1];
}
