// `npm run bench`: how long and how much memory our pipeline takes for fleets of 1 to 1,000 clusters, next to
// one `kubectl kustomize` overlay per cluster and the JSON floor, plus synth, cdk8s synth and the offline plan as
// whole processes, and `render --cluster` and `diff` at 1,000 clusters (what `npm run bench:cli` runs).
// Prints tables and PASS/FAIL against the targets, and writes the figures to dist/bench.json.
// Always exits 0 unless the bench itself breaks: it is a report.
//
// Options: --sizes 1,10,50,100,200,1000  --kustomize-sizes 10,50,100,200  --iterations 5  --runs 7
//          --cli-clusters 1000 (0: none)  --cli-runs 5  --out dist/bench.json  (--runs: of each whole process)
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { dirname, join, resolve } from 'path';
import { measureCliScale } from './bench/cli-scale';
import { measureOurs, type OursFigures } from './bench/ours';
import { hasGnuTime } from './bench/processes';
import {
  checkTargets,
  kustomizeTable,
  oursMemoryTable,
  oursTimeTable,
  processTable,
  validationTable,
} from './bench/report';
import { type KustomizeFigures, measureKustomize } from './bench/side-by-side';
import { fmt, since } from './bench/stats';
import { measureProcesses } from './bench/whole-process';
import { option } from './bench/options';

const ROOT = resolve(__dirname, '..');
const KUBECTL = '/usr/bin/kubectl';

const numbers = (s: string) => (s === '' ? [] : s.split(',').map(Number));
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function machine() {
  const kubectlVersion = existsSync(KUBECTL)
    ? execFileSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' }).trim().split('\n').join('; ')
    : undefined;
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    kubectl: kubectlVersion,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = numbers(option('sizes', '1,10,50,100,200,1000'));
  const kustomizeSizes = numbers(option('kustomize-sizes', '10,50,100,200'));
  const settings = { iterations: Number(option('iterations', '5')), appSynthIterations: 3, warmupMs: 300 };
  const runs = Number(option('runs', '7'));
  const cliClusters = Number(option('cli-clusters', '1000'));
  const cliRuns = Number(option('cli-runs', '5'));
  const outFile = resolve(ROOT, option('out', join('dist', 'bench.json')));
  const gnuTime = hasGnuTime();
  const host = machine();

  const ours: OursFigures[] = [];
  for (const size of sizes) {
    progress(`ours: ${size} clusters`);
    ours.push(await measureOurs(size, settings, ROOT));
  }
  const kustomize: KustomizeFigures[] = [];
  if (host.kubectl) {
    for (const size of kustomizeSizes) {
      progress(`kustomize: ${size} overlays`);
      kustomize.push(measureKustomize(size, KUBECTL, ROOT, gnuTime));
    }
  }
  progress('building lib/ if a source changed (node scripts/build.js --if-stale)');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  progress(`whole processes, ${runs} runs each`);
  const processes = measureProcesses(ROOT, runs, gnuTime);
  if (cliClusters > 0) progress(`command line at ${cliClusters} clusters, ${cliRuns} runs each`);
  const cli = cliClusters > 0 ? measureCliScale(ROOT, cliClusters, cliRuns, gnuTime) : undefined;
  const targets = [...checkTargets(ours, kustomize, processes), ...(cli?.targets ?? [])];

  const lines = [
    `QCBM fleet bench: node ${host.node}, ${host.cpus} CPUs (${host.cpuModel}), ${host.platform}`,
    '',
    `Ours, in-process medians in ms (${settings.iterations} iterations after >= ${settings.warmupMs} ms of warm-up,`,
    `App.synth() ${settings.appSynthIterations}; gc before each), one child process per size and mode:`,
    oursTimeTable(ours),
    '',
    'Peak RSS in MB (getrusage maxRSS of a child that ran only that work, warm-up included);',
    'baseline = RSS once modules are loaded; cold = fresh process running (1)+(2)+(3) once:',
    oursMemoryTable(ours),
    '',
    "Validation of what each cluster receives (schemas, the API server's rules, hardening; each distinct object",
    'once), inside (1)+(2), timed again on its own (median ms):',
    validationTable(ours),
    '',
    host.kubectl
      ? `kubectl kustomize, one process per overlay, sequential, output to files (${host.kubectl}); ratio = kustomize / ours:`
      : 'kubectl kustomize: not available (/usr/bin/kubectl missing)',
    ...(host.kubectl
      ? [
          kustomizeTable(ours, kustomize),
          "  each overlay also deletes the base objects its cluster does not receive (other databases' schema Jobs)",
          "  and carries its pods' checksum/* annotations, which kustomize cannot compute; outputs compared per object",
        ]
      : []),
    ...kustomize.flatMap((k) => [
      ...k.objectSetMismatches.map((m) => `  object set mismatch (${k.clusters}): ${m}`),
      ...k.contentMismatches.map((m) => `  content mismatch (${k.clusters}): ${m}`),
    ]),
    ...kustomize
      .filter((k) => k.peakRssMb !== undefined)
      .slice(0, 1)
      .map((k) => `  one kubectl kustomize process: peak RSS ${fmt(k.peakRssMb, 0)} MB`),
    '',
    `Whole processes (${gnuTime ? 'peak RSS: /usr/bin/time -v, largest single process of the tree' : 'no GNU time: peak RSS not measured'}):`,
    processTable(processes),
    ...processes.filter((p) => !p.available).map((p) => `  offline plan: not available (${p.reason})`),
    ...processes.filter((p) => p.error).map((p) => `  ${p.command} failed:\n${p.error}`),
    ...(cli
      ? [
          '',
          `Command line at ${cli.clusters} clusters, whole processes (stack files of scripts/generate-fleet.ts; the head`,
          "version changes one cluster's Redis endpoint):",
          processTable(cli.processes),
          ...cli.processes.filter((p) => p.error).map((p) => `  ${p.command} failed:\n${p.error}`),
        ]
      : []),
    '',
    'Targets:',
    ...targets.map(
      (t) => `  ${t.pass === undefined ? 'N/A ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`,
    ),
  ];
  const missed = targets.filter((t) => t.pass === false);
  lines.push(
    missed.length === 0
      ? 'All measured targets met.'
      : `MISSED ${missed.length} target(s): ${missed.map((t) => t.name).join('; ')}`,
  );
  const totalSeconds = since(started) / 1000;
  lines.push(`Bench took ${fmt(totalSeconds)} s; figures in ${outFile}`);
  console.log(lines.join('\n'));

  mkdirSync(dirname(outFile), { recursive: true });
  const report = {
    generatedAt: new Date().toISOString(),
    machine: host,
    settings,
    ours,
    kustomize,
    processes,
    cli,
    targets,
  };
  writeFileSync(outFile, `${JSON.stringify({ ...report, benchSeconds: totalSeconds }, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
