import { readFileSync } from 'fs';
import { basename } from 'path';
import { parse } from 'yaml';
import type { Fleet } from './fleet-schema';
import { parseFleet } from './parse-fleet';
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
 * A stack file as a YAML document.
 * @throws ValidationError for a file that cannot be read or is not YAML, naming the file and the fix
 */
export function readStackDocument(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ValidationError(path, [
      {
        path: 'file',
        message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        fix: 'check the path',
      },
    ]);
  }
  return parseStackDocument(text, path);
}

function parseStackDocument(text: string, source: string): unknown {
  try {
    return parse(text);
  } catch (e) {
    throw new ValidationError(source, [
      { path: 'file', message: `is not valid YAML: ${(e as Error).message}`, fix: 'correct the YAML syntax' },
    ]);
  }
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
