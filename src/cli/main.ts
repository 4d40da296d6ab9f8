import { Command, CommanderError, Option } from 'commander';
import { registerOperations } from './commands/operations';
import { describeFailure, EXIT, UsageError } from './errors';
import type { CliIo } from './io';

const EXIT_CODES = `Exit codes:
  0  done, every check passed
  1  invalid input (the fleet, a file, a flag's value) or a failed check
  2  usage: an unknown command or option, a missing argument`;

/** What every verb that reads a fleet accepts. */
function fleetOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-s, --stack <name>',
        'the stack whose Pulumi.<name>.yaml to read (default: $QCBM_STACK, else dev)',
      ),
    )
    .addOption(new Option('-f, --file <path>', 'another stack file to read').conflicts('stack'));
}

// Each verb loads its modules when it runs: `synth` never loads Pulumi, and `--help` loads nothing.

/** The command line, writing to `io`; the caller sets the exit code it returns. */
function buildProgram(io: CliIo, run: (work: () => number | Promise<number>) => Promise<void>): Command {
  const program = new Command('qcbm-fleet')
    .description(
      'QCBM across Kubernetes clusters and Tencent Cloud regions: synthesize, plan, review, drill, fail over.',
    )
    .option('-v, --verbose', 'print stack traces of unexpected errors (bugs)')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  fleetOptions(program.command('synth'))
    .description(
      'write hub-app, hub-distribution and one cluster-<name>.k8s.yaml per cluster; nothing is written or removed when it fails',
    )
    .option('-o, --out <dir>', 'where the YAML goes (default: $CDK8S_OUTDIR, else dist)')
    .action((opts: { stack?: string; file?: string; out?: string }) =>
      run(async () => (await import('./commands/synth')).synthCommand(opts, io)),
    );

  program
    .command('plan')
    .description(
      'the Pulumi program run offline (no credentials, no Pulumi CLI), printed and written as JSON',
    )
    .option('-s, --stack <name>', 'the stack to plan (default: $QCBM_STACK, else dev)')
    .option('-f, --file <path>', 'another stack file for that stack')
    .option('-o, --out <file>', 'where the JSON plan goes (default: dist/plan-<stack>.json)')
    .action((opts: { stack?: string; file?: string; out?: string }) =>
      run(async () =>
        (await import('./commands/plan')).planCommand(
          { ...opts, verbose: program.opts().verbose === true },
          io,
        ),
      ),
    );

  fleetOptions(program.command('render'))
    .description(
      "one cluster's effective manifests (every override applied), as YAML on stdout; only that cluster is rendered and checked",
    )
    .requiredOption('-c, --cluster <name>', 'the cluster')
    .action((opts: { stack?: string; file?: string; cluster: string }) =>
      run(async () => (await import('./commands/render')).renderCommand(opts, io)),
    );

  fleetOptions(program.command('diff'))
    .description(
      'per cluster that changes, what its effective manifests gain, lose and change from another version of the fleet; then how many clusters are unchanged',
    )
    .requiredOption(
      '-b, --base <ref|file>',
      'the version to compare with: a git revision of the stack file, or another file',
    )
    .option('--all', 'print every cluster, a "no change" line for each unchanged one')
    .option(
      '--json',
      'print the diff as JSON: every cluster (with or without --all), each with its kind: added, removed, changed or unchanged',
    )
    .action((opts: { stack?: string; file?: string; base: string; json?: boolean; all?: boolean }) =>
      run(async () => (await import('./commands/diff')).diffCommand(opts, io)),
    );

  registerOperations(program, io, run, fleetOptions);

  for (const command of program.commands) {
    command
      .configureOutput({ writeOut: io.out, writeErr: io.err })
      .showHelpAfterError('(run with --help for usage)')
      .addHelpText('after', `\n${EXIT_CODES}`)
      .exitOverride();
  }
  return program;
}

/**
 * Runs `qcbm-fleet` with these arguments (without `node` and the script) and returns the exit code. Every user
 * error is printed as one readable block, never a stack trace; `--verbose` prints the trace of a bug.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  let code: number = EXIT.ok;
  const run = async (work: () => number | Promise<number>) => {
    code = await work();
  };
  const program = buildProgram(io, run);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      const shown = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return shown ? EXIT.ok : EXIT.usage;
    }
    io.err(`${describeFailure(error, verbose)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}
