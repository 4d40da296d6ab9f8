import { SCHEMA_DEFINITIONS, SCHEMA_KINDS, SCHEMA_KUBERNETES_VERSION } from './generated-schemas';
import { isObject, type ObjectProblem, pointer } from './object-problem';

/**
 * Checks one value, the member `key` of the value at `parent` (the value at `parent` itself where `key` is
 * undefined), adding what is wrong to `out`.
 */
type Check = (value: unknown, parent: Path, key: Key | undefined, out: ObjectProblem[]) => void;

type Key = string | number;

/**
 * Where a value is: a JSON pointer, or a step below one. Pointers are written out only for a problem: most values
 * have none, and building each one's text cost more than checking it.
 */
type Path = string | { readonly parent: Path; readonly key: Key };

function below(parent: Path, key: Key | undefined): Path {
  return key === undefined ? parent : { parent, key };
}

function textOf(path: Path): string {
  return typeof path === 'string' ? path : pointer(textOf(path.parent), path.key);
}

function textAt(parent: Path, key: Key | undefined): string {
  return key === undefined ? textOf(parent) : pointer(textOf(parent), key);
}

interface Field {
  readonly check: Check;
  readonly required: boolean;
}

/** A definition's fields, and the names of its required ones (most objects' checks visit only those). */
interface Fields {
  readonly byName: ReadonlyMap<string, Field>;
  readonly required: readonly string[];
}

const compiled = new Map<string, Check>();

/**
 * What the Kubernetes (or Clusternet) schema of the object's kind refuses: a wrong type, a missing required
 * field, a field the kind does not have (the API server refuses unknown fields under server-side apply), each at
 * its JSON pointer. Undefined for a kind without a schema here (see `SCHEMA_KINDS`).
 */
export function schemaProblems(object: Record<string, unknown>): ObjectProblem[] | undefined {
  const definition = SCHEMA_KINDS[`${object.apiVersion}/${object.kind}`];
  if (definition === undefined) return undefined;
  const out: ObjectProblem[] = [];
  definitionCheck(definition)(object, '', undefined, out);
  return out;
}

/** What the ObjectMeta schema refuses in `metadata`: for kinds without a schema of their own. */
export function metadataSchemaProblems(object: Record<string, unknown>): ObjectProblem[] {
  const out: ObjectProblem[] = [];
  if (object.metadata !== undefined && object.metadata !== null) {
    definitionCheck('V1ObjectMeta')(object.metadata, '/metadata', undefined, out);
  }
  return out;
}

/** Whether a kind has a schema here. */
export function hasSchema(apiVersion: unknown, kind: unknown): boolean {
  return SCHEMA_KINDS[`${apiVersion}/${kind}`] !== undefined;
}

function definitionCheck(name: string): Check {
  let check = compiled.get(name);
  if (check) return check;
  // Definitions refer to themselves (JSON schema props) or each other: resolve the fields on first use.
  let fields: Fields | undefined;
  check = (value, parent, key, out) => {
    fields ??= compileFields(name);
    objectCheck(name, fields, value, parent, key, out);
  };
  compiled.set(name, check);
  return check;
}

function compileFields(name: string): Fields {
  const encoded = SCHEMA_DEFINITIONS[name];
  if (encoded === undefined) throw new Error(`no schema definition ${name}`);
  const byName = new Map<string, Field>();
  for (const entry of encoded.split(' ')) {
    const required = entry.startsWith('!');
    const colon = entry.indexOf(':');
    byName.set(entry.slice(required ? 1 : 0, colon), { required, check: typeCheck(entry.slice(colon + 1)) });
  }
  return { byName, required: [...byName].filter(([, f]) => f.required).map(([key]) => key) };
}

function objectCheck(
  name: string,
  fields: Fields,
  value: unknown,
  parent: Path,
  at: Key | undefined,
  out: ObjectProblem[],
): void {
  if (!isObject(value)) {
    const path = textAt(parent, at);
    out.push({ path, message: `must be an object (${displayName(name)})`, value, fix: FIX_TYPE });
    return;
  }
  const path = below(parent, at);
  for (const key in value) {
    const field = fields.byName.get(key);
    if (!field) {
      out.push({
        path: pointer(textOf(path), key),
        message: `is not a field of ${displayName(name)} in Kubernetes ${SCHEMA_KUBERNETES_VERSION} (the API server refuses unknown fields)`,
        fix: unknownFieldFix(key, fields.byName),
      });
      continue;
    }
    const v = value[key];
    // The API server reads null as "not set".
    if (v !== null && v !== undefined) field.check(v, path, key, out);
  }
  for (const key of fields.required) {
    if (value[key] === undefined || value[key] === null) {
      out.push({
        path: pointer(textOf(path), key),
        message: `is required in ${displayName(name)}`,
        fix: `set ${key}, or leave out the change that removes it`,
      });
    }
  }
}

const FIX_TYPE = 'give a value of the type the field has (see the Kubernetes API reference)';
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT32 = 2 ** 31;

function typeCheck(type: string): Check {
  const problem = (path: string, message: string, value: unknown, out: ObjectProblem[], fix = FIX_TYPE) =>
    out.push({ path, message, value, fix });
  switch (type[0]) {
    case '@':
      return definitionCheck(type.slice(1));
    case '[': {
      const item = typeCheck(type.slice(1));
      return (value, parent, key, out) => {
        if (!Array.isArray(value)) {
          problem(textAt(parent, key), 'must be a list', value, out);
          return;
        }
        const path = below(parent, key);
        value.forEach((v, i) => {
          if (v !== null) item(v, path, i, out);
        });
      };
    }
    case '{': {
      const item = typeCheck(type.slice(1));
      return (value, parent, at, out) => {
        if (!isObject(value)) {
          problem(textAt(parent, at), 'must be a map', value, out);
          return;
        }
        const path = below(parent, at);
        for (const key in value) {
          if (value[key] !== null) item(value[key], path, key, out);
        }
      };
    }
    case '%': {
      const allowed = type.slice(1).split('|');
      return (value, parent, key, out) => {
        if (!allowed.includes(value as string)) {
          problem(
            textAt(parent, key),
            `must be one of ${allowed.join(', ')}`,
            value,
            out,
            `use one of ${allowed.join(', ')}`,
          );
        }
      };
    }
  }
  const primitive = PRIMITIVES[type];
  if (!primitive) throw new Error(`unknown schema type ${type}`);
  return (value, parent, key, out) => {
    if (!primitive.test(value)) problem(textAt(parent, key), primitive.message, value, out, primitive.fix);
  };
}

const PRIMITIVES: Record<string, { test: (v: unknown) => boolean; message: string; fix: string }> = {
  s: { test: (v) => typeof v === 'string', message: 'must be a string', fix: 'quote the value' },
  b: { test: (v) => typeof v === 'boolean', message: 'must be true or false', fix: 'write true or false' },
  n: { test: (v) => typeof v === 'number' && Number.isFinite(v), message: 'must be a number', fix: FIX_TYPE },
  i32: {
    test: (v) => Number.isInteger(v) && (v as number) >= -INT32 && (v as number) < INT32,
    message: 'must be a whole number (32-bit)',
    fix: 'write a whole number without quotes',
  },
  i64: {
    test: (v) => Number.isSafeInteger(v),
    message: 'must be a whole number',
    fix: 'write a whole number without quotes',
  },
  ios: {
    test: (v) => typeof v === 'string' || Number.isSafeInteger(v),
    message: 'must be a whole number or a string',
    fix: 'write a port number, a named port or a percentage like "25%"',
  },
  q: {
    test: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && QUANTITY.test(v)),
    message: 'must be a Kubernetes quantity',
    fix: 'write a quantity like "250m", "1", "512Mi" or "2Gi"',
  },
  byte: {
    test: (v) => typeof v === 'string' && BASE64.test(v),
    message: 'must be base64-encoded',
    fix: 'encode the value in base64, or give it in plain text under stringData',
  },
  date: {
    test: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    message: 'must be an RFC 3339 time',
    fix: 'write a time like "2024-01-31T12:00:00Z", or leave it out',
  },
  any: { test: () => true, message: '', fix: '' },
};

/** `V1DeploymentSpec` → `DeploymentSpec`, `LocalizationProps` → `Localization`. */
function displayName(definition: string): string {
  return definition
    .replace(/^(Core|Discovery|Events|Storage|Rbac)?V\d+((alpha|beta)\d+)?/, '')
    .replace(/Props$/, '');
}

function unknownFieldFix(key: string, fields: ReadonlyMap<string, Field>): string {
  const names = [...fields.keys()];
  const near = names
    .map((n) => [n, editDistance(key.toLowerCase(), n.toLowerCase())] as const)
    .filter(([, d]) => d <= Math.max(1, Math.floor(key.length / 4)))
    .sort((a, b) => a[1] - b[1])[0];
  if (near) return `did you mean ${near[0]}? Remove the field or correct its name`;
  const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
  return `remove it, or use one of the fields there: ${listed}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
