import { checkCloud } from './cloud-semantics';
import { checkFleetReferences } from './fleet-semantics';
import { type Fleet, fleetSchema } from './fleet-schema';
import { parseInput } from './parse-input';
import { checkTopology } from './topology/topology-semantics';

/**
 * Validates a fleet description and fills in defaults.
 * @param raw the parsed YAML/JSON value
 * @param source names the input in the error, e.g. the file it came from
 * @throws ValidationError listing every problem, each with its path, the value and the fix
 */
export function parseFleet(raw: unknown, source = 'fleet description'): Fleet {
  return parseInput(
    fleetSchema,
    raw,
    source,
    'fleet',
    (input) => [...checkFleetReferences(input), ...checkCloud(input)],
    checkTopology,
  );
}
