import { readFileSync } from 'fs';
import { z } from 'zod';
import { parseInput } from '../model/parse-input';
import { UserError } from '../model/user-error';

const siteSchema = z.looseObject({
  cluster: z.string(),
  region: z.string().optional(),
  ingressVip: z.string().optional(),
  mysqlInstanceId: z.string().optional(),
});

/**
 * The parts of a stack's outputs (`pulumi stack output --json --show-secrets`, from `src/program/index.ts`) the
 * operations read: each site's cluster, address and primary MySQL, the disaster-recovery instances, each
 * cluster's IGTM pool and address, and the created clusters' kubeconfigs.
 */
export const stackOutputsSchema = z.looseObject({
  environment: z.string().optional(),
  regions: z.record(z.string(), siteSchema).default({}),
  data: z
    .looseObject({
      drInstances: z
        .record(z.string(), z.looseObject({ region: z.string(), instanceId: z.string() }))
        .default({}),
    })
    .optional(),
  traffic: z
    .looseObject({
      clusters: z
        .record(z.string(), z.looseObject({ address: z.string(), poolId: z.number().optional() }))
        .default({}),
    })
    .optional(),
  kubeconfigs: z
    .union([z.record(z.string(), z.string()), z.literal('[secret]')])
    .optional()
    .transform((k) => (typeof k === 'object' ? k : undefined)),
});

export type StackOutputs = z.output<typeof stackOutputsSchema>;

/**
 * Reads the stack outputs a command was given.
 * @throws UserError for a file that cannot be read or is not JSON; ValidationError for outputs of another shape
 */
export function readStackOutputs(path: string): StackOutputs {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(
      `--outputs ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'write it with: pulumi stack output --json --show-secrets > outputs.json',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      `--outputs ${path} is not JSON: ${(e as Error).message}`,
      'write it with: pulumi stack output --json --show-secrets > outputs.json',
    );
  }
  return parseInput(stackOutputsSchema, json, `--outputs ${path}`, 'outputs');
}
