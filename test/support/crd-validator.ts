import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './repo-root';

/** Where the upstream CRD manifests are: QCBM_CRDS_DIR, else ../shared/crds beside the repository. */
export function crdsDirectory(): string {
  return resolve(process.env.QCBM_CRDS_DIR ?? repoPath('../shared/crds'));
}

export interface CrdValidator {
  /** `apiVersion/kind` pairs with a schema. */
  readonly kinds: readonly string[];
  /** Problems with one object; throws for a kind with no schema, so nothing is skipped silently. */
  errorsFor(object: any): string[];
}

/**
 * Compiles the openAPIV3Schema of every CRD version under `dir`. Unlike the API server, which prunes
 * unknown fields silently, objects are validated with unknown fields forbidden, so a typo fails here.
 * @throws when the directory is missing or holds no CRDs (the suite must not pass by checking nothing)
 */
export function loadCrdValidator(dir: string): CrdValidator {
  if (!existsSync(dir)) {
    throw new Error(
      `CRD schemas not found at ${dir}: set QCBM_CRDS_DIR to a folder of CustomResourceDefinition YAML files`,
    );
  }
  const files = listYaml(dir);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        const schema = closeObjects(version.schema?.openAPIV3Schema);
        validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  if (validators.size === 0) throw new Error(`no CustomResourceDefinition found under ${dir}`);
  return {
    kinds: [...validators.keys()],
    errorsFor(object: any): string[] {
      const key = `${object.apiVersion}/${object.kind}`;
      const validate = validators.get(key);
      if (!validate) throw new Error(`no CRD schema for ${key} under ${dir}`);
      if (validate(object)) return [];
      return (validate.errors ?? []).map(
        (e) => `${key} ${object.metadata?.name}: ${e.instancePath || '/'} ${e.message}`,
      );
    },
  };
}

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Forbids properties a schema does not declare, except where the schema preserves unknown fields. */
function closeObjects(schema: any): any {
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: any = Array.isArray(schema) ? schema.map(closeObjects) : {};
  if (Array.isArray(schema)) return out;
  for (const [k, v] of Object.entries(schema)) {
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closeObjects(s)]))
        : closeObjects(v);
  }
  const isMetadata = schema.type === 'object' && !schema.properties;
  if (
    schema.properties &&
    schema.additionalProperties === undefined &&
    !schema['x-kubernetes-preserve-unknown-fields'] &&
    !isMetadata
  ) {
    out.additionalProperties = false;
  }
  return out;
}
