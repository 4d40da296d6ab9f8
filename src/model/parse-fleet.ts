import { checkCloud } from './cloud-semantics';
import { checkFleetReferences } from './fleet-semantics';
import { type Fleet, fleetSchema } from './fleet-schema';
import { parseInput } from './parse-input';
import { checkPublicEntry } from './public-entry';
import { checkRegistries } from './topology/site-registry';
import { checkTopology } from './topology/topology-semantics';
import { checkTracing } from './tracing-semantics';

/**
 * Validates a fleet description and fills in defaults: the only way to get a `Fleet`.
 *
 * A command reads its fleet in one place and hands the result down; where the same description reaches this
 * function again in one process (the offline plan reads the stack file, then runs the Pulumi program, which reads
 * the same fleet from its config), the fleet parsed the first time is returned, so it is checked once. The result
 * is a frozen copy: it is shared, and nothing may change a fleet after its rules were checked, while the caller's
 * input stays its own.
 * @param raw the parsed YAML/JSON value
 * @param source names the input in the error, e.g. the file it came from
 * @throws ValidationError listing every problem, each with its path, the value and the fix
 */
export function parseFleet(raw: unknown, source = 'fleet description'): Fleet {
  const key = descriptionKey(raw);
  const known = key === undefined ? undefined : lastParsed.get(key);
  if (known) return known;
  // A copy: the schema passes free-form values (patch values, merge patches) through by reference, and freezing
  // them would freeze the caller's own objects.
  const fleet = frozenCopy(
    parseInput(
      fleetSchema,
      raw,
      source,
      'fleet',
      (input) => [...checkFleetReferences(input), ...checkCloud(input)],
      // The topology checks read the parsed fields as the fleet they will be once these checks pass.
      (parsed) => [
        ...checkRegistries(parsed as Fleet),
        ...checkTopology(parsed as Fleet),
        ...checkPublicEntry(parsed),
        ...checkTracing(parsed as Fleet),
      ],
    ),
  ) as Fleet;
  if (key !== undefined) remember(key, fleet);
  return fleet;
}

/** How many distinct descriptions are kept: a command reads one fleet, `diff` two. */
const KEPT = 4;
const lastParsed = new Map<string, Fleet>();

function remember(key: string, fleet: Fleet): void {
  lastParsed.set(key, fleet);
  while (lastParsed.size > KEPT) lastParsed.delete(lastParsed.keys().next().value as string);
}

/**
 * The description as JSON, the form it has in a stack's config; undefined for what JSON cannot hold exactly
 * (`undefined`, NaN, ±Infinity would become null or vanish, and two descriptions would share a key), which is then
 * not remembered.
 */
function descriptionKey(raw: unknown): string | undefined {
  try {
    return JSON.stringify(raw, (_, value: unknown) => {
      if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)))
        throw new Error('not JSON');
      return value;
    });
  } catch {
    return undefined;
  }
}

/** A deep copy of parsed JSON data (objects, arrays, scalars), frozen at every level. */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const copy = Array.isArray(value)
    ? value.map(frozenCopy)
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, frozenCopy(v)]));
  return Object.freeze(copy) as T;
}
