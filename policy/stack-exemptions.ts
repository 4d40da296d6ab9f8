import { join } from 'path';
import { loadFleetFromStackFile } from '../src/model/load-fleet';
import { ValidationError } from '../src/model/validation-error';
import type { HardeningExemption } from '../src/policy/kubernetes-hardening';

/** The fleet's hardening exemptions the pack applies to one stack's resources, or why it has none. */
export type StackExemptions =
  { readonly exemptions: readonly HardeningExemption[] } | { readonly problem: string };

/** Where the pack finds the exemptions of a stack, given the stack's name. */
export type ExemptionSource = (stack: string) => StackExemptions;

/** `dev` of `urn:pulumi:dev::qcbm::kubernetes:apps/v1:Deployment::x`; `` for anything else. */
export function stackOfUrn(urn: string): string {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1] ?? '';
}

/**
 * The fleet's `policy.exemptions`, read from the stack file the program reads (`Pulumi.<stack>.yaml` in
 * `projectDir`, key `qcbm:fleet`) with the same loader, once per stack. Pulumi gives a policy pack no access to the
 * stack's config, only each resource's URN, which names the stack. A file that cannot be read, or holds no valid
 * fleet, leaves the stack with no exemption and says why: the pack then reports every violation, with that reason.
 */
export function stackFileExemptions(projectDir: string): ExemptionSource {
  const read = new Map<string, StackExemptions>();
  return (stack) => {
    const known = read.get(stack);
    if (known) return known;
    const found = exemptionsOfStackFile(join(projectDir, `Pulumi.${stack}.yaml`));
    read.set(stack, found);
    return found;
  };
}

function exemptionsOfStackFile(path: string): StackExemptions {
  try {
    return { exemptions: loadFleetFromStackFile(path).policy.exemptions };
  } catch (e) {
    if (ValidationError.isValidationError(e)) return { problem: e.message };
    throw e;
  }
}
