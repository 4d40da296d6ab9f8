import { existsSync } from 'fs';
import { isAbsolute, join, relative, resolve } from 'path';
import { deferClosureDependencies } from '../../plan/lazy-closure-dependencies';
import { readPulumiProject } from '../../testing/pulumi-project';
import { EXIT, UserError } from '../errors';
import { readableStackFileOf, stackOf } from '../fleet-source';
import { writeOutputFile } from '../output/write-output-file';
import { checkOutputPath } from '../output-path';
import { libIsStale } from '../stale-build';
import type { CliIo } from '../io';

/** Options of `qcbm-fleet plan`. */
export interface PlanOptions {
  /** The stack to plan. @default - `$QCBM_STACK`, else `dev` */
  readonly stack?: string;
  /** Another stack file for that stack. @default `Pulumi.<stack>.yaml` */
  readonly file?: string;
  /** Where the JSON plan goes. @default `dist/plan-<stack>.json` */
  readonly out?: string;
  /** Keep stack traces while the program runs (for a bug's trace). @default false */
  readonly verbose?: boolean;
}

/**
 * The offline plan: the project's Pulumi program run under mocks (no credentials, no Pulumi CLI, no plugins),
 * printed for review and written as JSON. Fails (exit 1) when a cloud policy or Kubernetes hardening rule is
 * violated.
 */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const stack = stackOf(options, io).name;
  // --file is the stack file of --stack here (plan needs the stack's name for its config and outputs).
  const stackFile = readableStackFileOf(options.file ? { file: options.file } : { stack: options.stack }, io);
  const out = resolve(io.cwd, options.out ?? join('dist', `plan-${stack}.json`));
  checkOutputPath(out, options.out !== undefined ? '--out' : 'the default --out', 'file', io);
  const project = readPulumiProject(io.cwd);
  const compiled = compiledTwin(project.program);
  if (!compiled) registerTypeScript(project.program);
  deferClosureDependencies();
  const { planStack } = await import('../../testing/offline-plan');
  const { formatPlan } = await import('../../plan/plan-report');
  const plan = await planStack({
    stack,
    stackFile,
    projectDir: io.cwd,
    project,
    ...(compiled ? { program: compiled } : {}),
    stackTraces: options.verbose === true,
  });
  writeOutputFile(out, `${JSON.stringify(plan, null, 2)}\n`);
  io.out(`${formatPlan(plan)}\n\nWrote ${relative(io.cwd, out)}\n`);
  return plan.violations.length > 0 || plan.kubernetesViolations.length > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * Where this command line runs compiled (from `lib/`) and the program is a source of the same checkout
 * (`src/...`), its compiled twin in `lib/`: one copy of every module, and no compiling at start-up. `npm run plan`
 * builds `lib/` first when a source changed.
 */
function compiledTwin(program: string): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const root = resolve(__dirname, '..', '..', '..');
  const rel = relative(join(root, 'src'), program);
  if (rel.startsWith('..') || isAbsolute(rel) || libIsStale(root)) return undefined;
  const twin = join(root, 'lib', rel.replace(/\.ts$/, '.js'));
  for (const candidate of [twin, join(twin, 'index.js')]) {
    if (existsSync(candidate) && candidate.endsWith('.js')) return candidate;
  }
  return undefined;
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
