/**
 * The command line as a reviewer meets it at scale, as whole processes of the compiled CLI: `render --cluster` of
 * one cluster and `diff` of a one-cluster change of a generated fleet, next to `synth` of the same fleet.
 * The stack files are written to a fresh directory under dist/.bench/ and removed afterwards.
 */
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { FLEET_CONFIG_KEY } from '../../src/model/load-fleet';
import { generateFleet } from '../generate-fleet';
import { runCommand } from './processes';
import { fmt } from './stats';
import type { TargetResult } from './report';
import { measure, type ProcessFigures } from './whole-process';
import { benchWorkDir } from './work-dir';

/** The targets for these commands, in ms. */
export const CLI_SCALE_TARGETS = { render: 400, diff: 2000 } as const;

export interface CliScaleFigures {
  readonly clusters: number;
  readonly processes: ProcessFigures[];
  readonly targets: TargetResult[];
}

/**
 * Runs each command `runs` times on a generated fleet of `clusters` clusters whose head version differs from its
 * base in one cluster's Redis endpoint. Needs lib/ built. A first run of each checks what it prints.
 */
export function measureCliScale(
  cwd: string,
  clusters: number,
  runs: number,
  gnuTime: boolean,
): CliScaleFigures {
  const dir = benchWorkDir('cli-scale-');
  try {
    const input = generateFleet(clusters);
    const stackFile = (name: string) => {
      const file = join(dir, name);
      writeFileSync(file, stringify({ config: { [FLEET_CONFIG_KEY]: input } }));
      return file;
    };
    const base = stackFile('Pulumi.base.yaml');
    const changed = input.clusters[Math.floor(clusters / 2)];
    changed.endpoints = { ...changed.endpoints, redis: { host: '10.255.255.254', port: 6379 } };
    const head = stackFile('Pulumi.head.yaml');
    const node = process.execPath;
    const cli = 'lib/cli/bin.js';
    const commands: [label: string, args: string[], expect: RegExp][] = [
      [
        `render --cluster (one of ${clusters})`,
        [cli, 'render', '--file', head, '--cluster', changed.name],
        /REDIS_HOST: 10\.255\.255\.254/,
      ],
      [
        `diff (1 of ${clusters} changes)`,
        [cli, 'diff', '--file', head, '--base', base],
        new RegExp(`\\n${clusters - 1} clusters unchanged .*\\n1 of ${clusters} clusters change`),
      ],
      [
        `synth (${clusters} clusters)`,
        [cli, 'synth', '--file', head, '--out', join(dir, 'out')],
        /Synthesized/,
      ],
    ];
    const processes = commands.map(([label, args, expected]) => {
      const check = runCommand(node, args, { cwd, gnuTime: false });
      if (check.status !== 0 || !expected.test(check.stdout)) {
        const error = `${check.stderr}${check.stdout.slice(-500)}`.trim();
        return { command: label, available: true, runs: 1, exitCodes: [check.status], error };
      }
      return measure(label, node, args, runs, cwd, gnuTime);
    });
    const target = (p: ProcessFigures, ms: number, what: string): TargetResult => ({
      name: `${what} at ${clusters} clusters < ${ms} ms (whole process)`,
      pass: p.medianWallMs === undefined || Number.isNaN(p.medianWallMs) ? undefined : p.medianWallMs < ms,
      detail: `median ${fmt(p.medianWallMs, 0)} ms, fastest ${fmt(p.minWallMs, 0)} ms`,
    });
    return {
      clusters,
      processes,
      targets: [
        target(processes[0], CLI_SCALE_TARGETS.render, 'render --cluster of one cluster'),
        target(processes[1], CLI_SCALE_TARGETS.diff, 'diff of a one-cluster change'),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
