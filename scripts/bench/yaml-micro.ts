// Micro-benchmark of YAML writing: cdk8s's `Yaml.stringify` (the `yaml` package) next to our fast emitter, on
// every cluster's manifests of a generated fleet, one call per cluster as `Yaml.save` does per chart.
// Prints the medians of 5 timed runs after a warm-up run, and fails if the outputs differ by a byte.
//
//   node -r ts-node/register/transpile-only scripts/bench/yaml-micro.ts [--clusters 100] [--runs 5]
import { Yaml } from 'cdk8s';
import { synthesizeFleet } from '../../src/k8s';
import { stringifyDocuments } from '../../src/k8s/yaml/fast-yaml';
import { parseFleet } from '../../src/model';
import { generateFleet } from '../generate-fleet';
import { fmt, median, since } from './stats';

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
}

function timeRuns(runs: number, write: () => string): { ms: number; output: string } {
  let output = write();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    output = write();
    times.push(since(start));
  }
  return { ms: median(times), output };
}

function main(): void {
  const count = option('clusters', 100);
  const runs = option('runs', 5);
  const charts = Object.values(synthesizeFleet(parseFleet(generateFleet(count), 'bench')).clusters);
  const documents = charts.reduce((n, docs) => n + docs.length, 0);

  const reference = timeRuns(runs, () => charts.map((docs) => Yaml.stringify(...docs)).join(''));
  const fast = timeRuns(runs, () => charts.map((docs) => stringifyDocuments(docs)).join(''));
  if (reference.output !== fast.output) throw new Error('fast-yaml output differs from Yaml.stringify');

  const kb = Buffer.byteLength(fast.output) / 1024;
  console.log(`${count} clusters, ${documents} documents, ${fmt(kb, 0)} KiB of YAML, median of ${runs} runs`);
  console.log(`  Yaml.stringify (cdk8s): ${fmt(reference.ms)} ms`);
  console.log(`  fast-yaml:             ${fmt(fast.ms)} ms`);
  console.log(`  speed-up:              ${fmt(reference.ms / fast.ms)}x`);
}

main();
