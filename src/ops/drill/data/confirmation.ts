import { UserError } from '../../../model/user-error';

/**
 * A stack whose data drill promotes production data for real: the stack, or the fleet it describes, named `prod`
 * or `production`, alone or as the first word (`prod-eu`, `production_2`). Its drill runs only after the stack's
 * name is typed.
 */
export function isProductionStack(stack: string, fleetName: string = stack): boolean {
  const production = /^prod(uction)?([-_.]|$)/i;
  return production.test(stack) || production.test(fleetName);
}

/**
 * Refuses a data drill on a production stack unless `typed` is the stack's name: the drill fences the primary
 * and promotes a disaster-recovery instance, which cannot be undone.
 * @throws UserError naming the stack and how to confirm
 */
export function checkDrillConfirmation(stack: string, typed: string | undefined): void {
  if (typed?.trim() === stack) return;
  throw new UserError(
    `drill --method data --execute on stack ${stack} fences its primary MySQL and promotes a disaster-recovery instance for real, which cannot be undone${typed === undefined ? '' : ` (typed: "${typed.trim()}")`}`,
    `type the stack's name when asked (a terminal), or give --confirm ${stack}; rehearse on a stack of its own first (e.g. Pulumi.rehearsal.yaml, a copy of dr with small instances)`,
  );
}
