// `npm run plan -- --stack <name> [--out <file>]`: the Pulumi program run offline under mocks, printed per
// region and written as JSON (default dist/plan-<stack>.json). No credentials, Pulumi CLI or plugins needed.
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { formatPlan } from '../src/plan/plan-report';
import { planStack } from '../src/plan/offline-plan';
import { ValidationError } from '../src/model/validation-error';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const stack = option('stack') ?? process.env.QCBM_STACK;
  if (!stack)
    throw new Error('usage: npm run plan -- --stack <dev|staging|prod> [--out dist/plan-<stack>.json]');
  const plan = await planStack({ stack, stackFile: option('stack-file') });
  const out = option('out') ?? join('dist', `plan-${stack}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(plan, null, 2)}\n`);
  console.log(formatPlan(plan));
  console.log(`\nWrote ${out}`);
  if (plan.violations.length > 0 || plan.kubernetesViolations.length > 0) process.exitCode = 2;
}

main().catch((e) => {
  console.error(ValidationError.isValidationError(e) ? e.message : e);
  process.exit(1);
});
