import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { isSecretEnvelope } from '../../src/testing/redact';
import { repoPath } from './repo-root';

/** The environment variable naming the provider schema file. */
export const PROVIDER_SCHEMA_ENV = 'QCBM_PROVIDER_SCHEMA';
/** The token an explicit Tencent Cloud provider registers under; its inputs are the schema's `provider`. */
export const PROVIDER_TOKEN = 'pulumi:providers:tencentcloud';

/** One property in the provider schema (see the `note` of the schema file). */
export interface PropertySchema {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  readonly items?: PropertySchema;
  /** A map's values (type object). */
  readonly additionalProperties?: PropertySchema;
  /** `#/types/<token>`: a nested object type. */
  readonly $ref?: string;
  readonly secret?: boolean;
  readonly deprecationMessage?: string;
  readonly description?: string;
}

export interface ObjectTypeSchema {
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
}

export interface ResourceSchema {
  readonly inputProperties: Readonly<Record<string, PropertySchema>>;
  readonly requiredInputs: readonly string[];
  /** Inputs and outputs. */
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly secretOutputs?: readonly string[];
}

/** A data source (invoke) in the provider schema. */
export interface FunctionSchema {
  readonly inputs: Readonly<Record<string, PropertySchema>>;
  readonly requiredInputs: readonly string[];
  readonly outputs: Readonly<Record<string, PropertySchema>>;
}

export interface ProviderSchema {
  readonly version: string;
  readonly resources: Readonly<Record<string, ResourceSchema>>;
  /** The data sources of the extract, by token. */
  readonly functions: Readonly<Record<string, FunctionSchema>>;
  /** Every data-source token of the provider version, beyond the extract. */
  readonly allFunctionTokens: readonly string[];
  readonly types: Readonly<Record<string, ObjectTypeSchema>>;
  readonly provider: {
    readonly inputProperties: Readonly<Record<string, PropertySchema>>;
    readonly requiredInputs: readonly string[];
    readonly secretOutputs: readonly string[];
  };
  /** Every resource token of the provider version, beyond the extract. */
  readonly allResourceTokens: readonly string[];
}

/** Where the schema extract is: QCBM_PROVIDER_SCHEMA, else ../shared/reference beside the repository. */
export function providerSchemaPath(): string {
  return resolve(
    process.env[PROVIDER_SCHEMA_ENV] ?? repoPath('../shared/reference/tencentcloud-provider-schema.json'),
  );
}

/**
 * Reads the provider schema extract.
 * @throws when the file is missing or is not a provider schema (the suite must not pass by checking nothing)
 */
export function loadProviderSchema(path = providerSchemaPath()): ProviderSchema {
  if (!existsSync(path)) {
    throw new Error(
      `Tencent Cloud provider schema not found at ${path}: set ${PROVIDER_SCHEMA_ENV} to tencentcloud-provider-schema.json`,
    );
  }
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Partial<ProviderSchema>;
  if (!schema.resources || !schema.types || !schema.provider || !schema.allResourceTokens) {
    throw new Error(`${path} is not a provider schema extract (resources, types, provider expected)`);
  }
  return schema as ProviderSchema;
}

/** A resource's schema; the provider's own config for the provider token. */
export function resourceSchema(schema: ProviderSchema, token: string): ResourceSchema | undefined {
  if (token === PROVIDER_TOKEN) {
    const p = schema.provider;
    return { ...p, properties: p.inputProperties };
  }
  return schema.resources[token];
}

/** Names of the properties the schema marks secret. */
export function secretProperties(resource: ResourceSchema): string[] {
  const flagged = Object.entries(resource.properties)
    .filter(([, p]) => p.secret)
    .map(([name]) => name);
  return [...new Set([...flagged, ...(resource.secretOutputs ?? [])])].sort();
}

export function referencedType(schema: ProviderSchema, ref: string): ObjectTypeSchema | undefined {
  return schema.types[ref.replace(/^#\/types\//, '')];
}

/** Problems with a resource's inputs as the engine receives them: names, required, deprecated, secrets, types. */
export function inputProblems(
  schema: ProviderSchema,
  token: string,
  inputs: Record<string, unknown>,
): string[] {
  const resource = resourceSchema(schema, token);
  if (!resource) {
    return [
      schema.allResourceTokens.includes(token)
        ? `${token}: exists in provider ${schema.version} but not in the extract; add it to the extract`
        : `${token}: no such resource token in provider ${schema.version}`,
    ];
  }
  const problems: string[] = [];
  const given = Object.entries(inputs).filter(([, v]) => v !== undefined && v !== null);
  for (const [name, value] of given) {
    const prop = resource.inputProperties[name];
    if (!prop) {
      problems.push(`${name}: not an input of ${token}`);
      continue;
    }
    if (prop.deprecationMessage) problems.push(`${name}: deprecated (${prop.deprecationMessage})`);
    if (prop.secret && !isSecretEnvelope(value))
      problems.push(`${name}: the schema marks it secret; pass a secret`);
    problems.push(...valueProblems(schema, prop, value, name));
  }
  for (const name of resource.requiredInputs) {
    if (!given.some(([n]) => n === name)) problems.push(`${name}: required by ${token}, not given`);
  }
  return problems;
}

/** Problems with the inputs a data source is called with: names, required ones, value types. */
export function invokeProblems(
  schema: ProviderSchema,
  token: string,
  inputs: Record<string, unknown>,
): string[] {
  const fn = schema.functions[token];
  if (!fn) {
    return [
      schema.allFunctionTokens.includes(token)
        ? `${token}: exists in provider ${schema.version} but not in the extract; add it to the extract`
        : `${token}: no such data source in provider ${schema.version}`,
    ];
  }
  const given = Object.entries(inputs).filter(([, v]) => v !== undefined && v !== null);
  const problems = given.flatMap(([name, value]) =>
    fn.inputs[name]
      ? valueProblems(schema, fn.inputs[name], value, name)
      : [`${name}: not an input of ${token}`],
  );
  for (const name of fn.requiredInputs) {
    if (!given.some(([n]) => n === name)) problems.push(`${name}: required by ${token}, not given`);
  }
  return problems;
}

/** Problems with one value against its property schema; `path` names it in the messages. */
export function valueProblems(
  schema: ProviderSchema,
  prop: PropertySchema,
  value: unknown,
  path: string,
): string[] {
  if (isSecretEnvelope(value)) return valueProblems(schema, prop, value.value, path);
  if (value === undefined || value === null) return [];
  const wrong = (expected: string) => [`${path}: must be ${expected}, not ${JSON.stringify(value)}`];
  if (prop.$ref) {
    const type = referencedType(schema, prop.$ref);
    if (!type) return [`${path}: the schema names ${prop.$ref}, which it does not define`];
    if (!isPlainObject(value)) return wrong(`an object (${prop.$ref})`);
    return objectProblems(schema, type, value, path);
  }
  switch (prop.type) {
    case 'string':
      return typeof value === 'string' ? [] : wrong('a string');
    case 'integer':
      return Number.isInteger(value) ? [] : wrong('an integer');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : wrong('a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('a boolean');
    case 'array':
      if (!Array.isArray(value)) return wrong('a list');
      return value.flatMap((v, i) => valueProblems(schema, prop.items ?? {}, v, `${path}[${i}]`));
    case 'object':
      if (!isPlainObject(value)) return wrong('a map');
      return Object.entries(value).flatMap(([k, v]) =>
        valueProblems(schema, prop.additionalProperties ?? {}, v, `${path}["${k}"]`),
      );
    default:
      return [`${path}: the schema gives it no type`];
  }
}

function objectProblems(
  schema: ProviderSchema,
  type: ObjectTypeSchema,
  value: Record<string, unknown>,
  path: string,
): string[] {
  const problems: string[] = [];
  const given = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
  for (const [name, v] of given) {
    const prop = type.properties[name];
    if (!prop) problems.push(`${path}.${name}: not a field of this type`);
    else if (prop.deprecationMessage)
      problems.push(`${path}.${name}: deprecated (${prop.deprecationMessage})`);
    else problems.push(...valueProblems(schema, prop, v, `${path}.${name}`));
  }
  for (const name of type.required ?? []) {
    if (!given.some(([n]) => n === name)) problems.push(`${path}.${name}: required, not given`);
  }
  return problems;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
