import { checkCloud } from './cloud-semantics';
import { checkFleetReferences } from './fleet-semantics';
import { type Fleet, fleetSchema } from './fleet-schema';
import { parseInput } from './parse-input';
import { checkTopology } from './topology/topology-semantics';

/**
 * Validates a fleet description and fills in defaults: the only way to get a `Fleet`.
 *
 * A command reads its fleet in one place and hands the result down; where the same description reaches this
 * function again in one process (the offline plan reads the stack file, then runs the Pulumi program, which reads
 * the same fleet from its config), the fleet parsed the first time is returned, so it is checked once. The result
 * is frozen: it is shared, and nothing may change a fleet after its rules were checked.
 * @param raw the parsed YAML/JSON value
 * @param source names the input in the error, e.g. the file it came from
 * @throws ValidationError listing every problem, each with its path, the value and the fix
 */
export function parseFleet(raw: unknown, source = 'fleet description'): Fleet {
  const key = descriptionKey(raw);
  const known = key === undefined ? undefined : lastParsed.get(key);
  if (known) return known;
  const fleet = deepFreeze(
    parseInput(
      fleetSchema,
      raw,
      source,
      'fleet',
      (input) => [...checkFleetReferences(input), ...checkCloud(input)],
      // The topology checks read the parsed fields as the fleet they will be once these checks pass.
      (parsed) => checkTopology(parsed as Fleet),
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

/** The description as JSON, the form it has in a stack's config; undefined for what JSON cannot hold. */
function descriptionKey(raw: unknown): string | undefined {
  try {
    return JSON.stringify(raw);
  } catch {
    return undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
