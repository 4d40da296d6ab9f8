// One fleet size and one mode, in a process of its own so that its peak RSS (getrusage maxRSS) belongs to
// that work alone. Started by scripts/bench.ts through child_process.fork; answers with one IPC message.
import { rmSync } from 'fs';
import { join } from 'path';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { parseFleet } from '../../src/model';
import { generateFleet } from '../generate-fleet';
import { appSynth, buildHub, filesOf, renderClusters, validateAll, writeJson, writeYaml } from './phases';
import { since } from './stats';
import { benchWorkDir } from './work-dir';
import type { ChildRequest, ChildResult, Mode } from './protocol';

type Step = () => Record<string, number>;

// Each run writes to a directory of its own, removed with the rest at the end: removing files between runs makes
// the file system's deferred work (journal, discards) land in the next run's figures.
function stepFor(mode: Mode, size: number, workDir: string): Step {
  const input = generateFleet(size);
  let run = 0;
  const timed = (name: string, f: () => void) => {
    const t = performance.now();
    f();
    return { [name]: since(t) };
  };
  switch (mode) {
    case 'hub':
      return () => timed('hub', () => buildHub(input));
    case 'synthesizeFleet':
      return () => timed('synthesizeFleet', () => synthesizeFleet(parseFleet(input, input.name)));
    case 'app.synth':
      return () => {
        const dir = join(workDir, `run-${run++}`);
        return timed('appSynth', () => appSynth(input, dir));
      };
    case 'full':
    case 'cold':
      return () => {
        const dir = join(workDir, `run-${run++}`);
        const t0 = performance.now();
        const hub = buildHub(input);
        const t1 = performance.now();
        const clusters = renderClusters(hub);
        const t2 = performance.now();
        const files = filesOf(hub, clusters);
        writeYaml(dir, files);
        const t3 = performance.now();
        writeJson(join(dir, 'floor'), files);
        const t4 = performance.now();
        if (validateAll(hub, clusters) !== 0) throw new Error('the generated fleet does not validate');
        const t5 = performance.now();
        return {
          hub: t1 - t0,
          render: t2 - t1,
          synthRender: t2 - t0,
          write: t3 - t2,
          total: t3 - t0,
          jsonFloor: t4 - t3,
          validation: t5 - t4,
        };
      };
  }
}

function main(request: ChildRequest): ChildResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const workDir = benchWorkDir(`ours-${request.size}-`);
  try {
    const step = stepFor(request.mode, request.size, workDir);
    const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
    const baselineMaxRssKb = process.resourceUsage().maxRSS;
    let warmups = 0;
    const warmStart = performance.now();
    while (request.mode !== 'cold' && warmups < 20 && (warmups < 1 || since(warmStart) < request.warmupMs)) {
      gc?.();
      step();
      warmups++;
    }
    const samples: Record<string, number[]> = {};
    const iterations = request.mode === 'cold' ? 1 : request.iterations;
    for (let i = 0; i < iterations; i++) {
      gc?.();
      for (const [phase, ms] of Object.entries(step())) (samples[phase] ??= []).push(ms);
    }
    return {
      ...request,
      warmups,
      iterations,
      gcBetweenIterations: gc !== undefined,
      samples,
      baselineRssKb,
      baselineMaxRssKb,
      maxRssKb: process.resourceUsage().maxRSS,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const request = JSON.parse(process.argv[2]) as ChildRequest;
const result = main(request);
if (process.send) process.send(result, () => process.disconnect());
else console.log(JSON.stringify(result));
