import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { planStack } from '../../plan/offline-plan';
import { formatPlan } from '../../plan/plan-report';
import { readPulumiProject } from '../../plan/pulumi-project';
import { EXIT, UserError } from '../errors';
import { stackFileOf } from '../fleet-source';
import type { CliIo } from '../io';

/** Options of `qcbm-fleet plan`. */
export interface PlanOptions {
  /** The stack to plan. @default - `$QCBM_STACK`, else `dev` */
  readonly stack?: string;
  /** Another stack file for that stack. @default `Pulumi.<stack>.yaml` */
  readonly file?: string;
  /** Where the JSON plan goes. @default `dist/plan-<stack>.json` */
  readonly out?: string;
}

/**
 * The offline plan: the project's Pulumi program run under mocks (no credentials, no Pulumi CLI, no plugins),
 * printed for review and written as JSON. Fails (exit 1) when a cloud policy or Kubernetes hardening rule is
 * violated.
 */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const stack = options.stack ?? io.env.QCBM_STACK ?? 'dev';
  const stackFile = stackFileOf(options.file ? { file: options.file } : { stack }, io);
  const project = readPulumiProject(io.cwd);
  registerTypeScript(project.program);
  const plan = await planStack({ stack, stackFile, projectDir: io.cwd });
  const out = resolve(io.cwd, options.out ?? join('dist', `plan-${stack}.json`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(plan, null, 2)}\n`);
  io.out(`${formatPlan(plan)}\n\nWrote ${relative(io.cwd, out)}\n`);
  return plan.violations.length > 0 || plan.kubernetesViolations.length > 0 ? EXIT.failed : EXIT.ok;
}

/** A TypeScript program needs a loader in this process, as `pulumi` itself uses: ts-node, when it is installed. */
function registerTypeScript(program: string): void {
  const typescript = program.endsWith('.ts') || existsSync(join(program, 'index.ts'));
  // Loaded already where Node's loader knows .ts, or where another module system (jest, a bundler) loads modules.
  const extensions = require.extensions;
  if (!typescript || '.ts' in extensions || Object.keys(extensions).length === 0) return;
  let tsNode: { register: (options: object) => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: only TypeScript programs need it
    tsNode = require('ts-node');
  } catch {
    throw new UserError(
      `the Pulumi program ${program} is TypeScript, and ts-node is not installed`,
      'npm install --save-dev ts-node typescript',
    );
  }
  tsNode.register({ transpileOnly: true });
}
