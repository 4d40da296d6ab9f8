/** The targets from the issue, checked against the figures, and the tables printed to stdout. */
import type { OursFigures } from './ours';
import type { KustomizeFigures } from './side-by-side';
import { fmt, table } from './stats';
import { PROCESS, type ProcessFigures } from './whole-process';

export interface TargetResult {
  readonly name: string;
  /** undefined when the figure was not measured. */
  readonly pass?: boolean;
  readonly detail: string;
}

export function checkTargets(
  ours: readonly OursFigures[],
  kustomize: readonly KustomizeFigures[],
  processes: readonly ProcessFigures[],
): TargetResult[] {
  const at = (n: number) => ours.find((o) => o.clusters === n);
  const k100 = kustomize.find((k) => k.clusters === 100);
  const o100 = at(100);
  const o200 = at(200);
  const missing = (name: string, what: string): TargetResult => ({ name, detail: `not measured (${what})` });
  const out: TargetResult[] = [];
  const t1 = '100 clusters built, rendered and written < 400 ms';
  out.push(
    o100
      ? { name: t1, pass: o100.ms.total < 400, detail: `${fmt(o100.ms.total)} ms` }
      : missing(t1, 'size 100'),
  );
  const t2 = 'total time(200) <= 2.1 x time(100)';
  if (o100 && o200) {
    const ratio = o200.ms.total / o100.ms.total;
    out.push({
      name: t2,
      pass: ratio <= 2.1,
      detail: `${fmt(o200.ms.total)} / ${fmt(o100.ms.total)} ms = ${fmt(ratio, 2)}x`,
    });
  } else out.push(missing(t2, 'sizes 100 and 200'));
  const t3 = '100 clusters peak RSS < 200 MB';
  out.push(
    o100
      ? {
          name: t3,
          pass: o100.peakRssMb.full < 200,
          detail: `${fmt(o100.peakRssMb.full, 0)} MB (a process that built, rendered and wrote it, warm-up and iterations included)`,
        }
      : missing(t3, 'size 100'),
  );
  for (const [name, command, limit] of [
    ['cold synth of dev, compiled command line < 600 ms', PROCESS.synth, 600],
    ['npx cdk8s synth of dev < 1500 ms', PROCESS.cdk8s, 1500],
    ['cold offline plan of prod < 1500 ms', PROCESS.plan, 1500],
  ] as const) {
    const p = processes.find((x) => x.command === command);
    out.push(
      p?.available && p.medianWallMs !== undefined
        ? {
            name,
            pass: p.medianWallMs < limit && p.exitCodes.every((c) => c === 0),
            detail: `median ${fmt(p.medianWallMs, 0)} ms of ${p.runs} runs (first ${fmt(p.firstWallMs, 0)} ms, fastest ${fmt(p.minWallMs, 0)} ms)`,
          }
        : missing(name, p?.reason ?? command),
    );
  }
  out.push(...scaleTargets(at(SCALE.clusters)));
  const t4 = 'ours >= 4x faster than kustomize at 100 clusters';
  if (o100 && k100) {
    const ratio = k100.totalMs / o100.ms.total;
    out.push({
      name: t4,
      pass: ratio >= 4,
      detail: `kustomize ${fmt(k100.totalMs, 0)} ms / ours ${fmt(o100.ms.total)} ms = ${fmt(ratio, 1)}x`,
    });
  } else out.push(missing(t4, 'kustomize or ours at 100'));
  return out;
}

/** Issue 19's targets for one process at scale: built, rendered, validated and written. */
export const SCALE = { clusters: 1000, floorRatio: 5, totalMs: 1500, peakRssMb: 300 } as const;

function scaleTargets(o: OursFigures | undefined): TargetResult[] {
  const n = SCALE.clusters.toLocaleString('en-US');
  const names = [
    `${n} clusters within ${SCALE.floorRatio}x the JSON floor (total / floor)`,
    `${n} clusters built, rendered, validated and written < ${SCALE.totalMs} ms`,
    `${n} clusters peak RSS < ${SCALE.peakRssMb} MB`,
  ];
  if (!o) return names.map((name) => ({ name, detail: `not measured (size ${SCALE.clusters})` }));
  const ratio = o.ms.total / o.ms.jsonFloor;
  return [
    {
      name: names[0],
      pass: ratio <= SCALE.floorRatio,
      detail: `${fmt(o.ms.total)} / ${fmt(o.ms.jsonFloor)} ms = ${fmt(ratio, 1)}x (validation alone: ${fmt(o.ms.validation)} ms)`,
    },
    {
      name: names[1],
      pass: o.ms.total < SCALE.totalMs,
      detail: `${fmt(o.ms.total)} ms (hub ${fmt(o.ms.hub)} + render ${fmt(o.ms.render)} + write ${fmt(o.ms.write)})`,
    },
    {
      name: names[2],
      pass: o.peakRssMb.full < SCALE.peakRssMb,
      detail: `${fmt(o.peakRssMb.full, 0)} MB (the process that ran it, warm-up and iterations included; once in a fresh process: ${fmt(o.peakRssMb.cold, 0)} MB)`,
    },
  ];
}

export function oursTimeTable(ours: readonly OursFigures[]): string {
  return table(
    [
      'clusters',
      'hub(1)',
      'render(2)',
      'synth+render',
      'write(3)',
      'total',
      'JSON floor',
      'write/floor',
      'total/floor',
      'synthesizeFleet()',
      'App.synth()',
    ],
    ours.map((o) => [
      String(o.clusters),
      ...[o.ms.hub, o.ms.render, o.ms.synthRender, o.ms.write, o.ms.total, o.ms.jsonFloor].map((v) => fmt(v)),
      `${fmt(o.ms.write / o.ms.jsonFloor, 1)}x`,
      `${fmt(o.ms.total / o.ms.jsonFloor, 1)}x`,
      ...[o.ms.synthesizeFleet, o.ms.appSynth].map((v) => fmt(v)),
    ]),
  );
}

export function oursMemoryTable(ours: readonly OursFigures[]): string {
  return table(
    ['clusters', 'baseline', 'hub', 'synth+render', 'full', 'App.synth()', 'cold', 'cold process ms'],
    ours.map((o) => [
      String(o.clusters),
      ...[
        o.baselineRssMb,
        o.peakRssMb.hub,
        o.peakRssMb.synthesizeFleet,
        o.peakRssMb.full,
        o.peakRssMb.appSynth,
        o.peakRssMb.cold,
      ].map((v) => fmt(v, 0)),
      fmt(o.coldProcessMs, 0),
    ]),
  );
}

export function kustomizeTable(ours: readonly OursFigures[], kustomize: readonly KustomizeFigures[]): string {
  return table(
    [
      'clusters',
      'kustomize ms',
      'per overlay',
      'ours ms',
      'ratio',
      'ours cold proc',
      'ratio',
      'objects',
      'content',
    ],
    kustomize.map((k) => {
      const o = ours.find((x) => x.clusters === k.clusters);
      return [
        String(k.clusters),
        fmt(k.totalMs, 0),
        fmt(k.medianPerOverlayMs),
        fmt(o?.ms.total),
        o ? `${fmt(k.totalMs / o.ms.total, 1)}x` : '-',
        fmt(o?.coldProcessMs, 0),
        o ? `${fmt(k.totalMs / o.coldProcessMs, 1)}x` : '-',
        k.objectSetMismatches.length === 0 ? 'same' : `${k.objectSetMismatches.length} differ`,
        k.contentMismatchCount === 0 ? 'same' : `${k.contentMismatchCount} differ`,
      ];
    }),
  );
}

export function processTable(processes: readonly ProcessFigures[]): string {
  return table(
    ['command', 'first ms', 'fastest ms', 'median ms', 'runs', 'peak RSS MB', 'exit codes'],
    processes.map((p) =>
      p.available
        ? [
            p.command,
            fmt(p.firstWallMs, 0),
            fmt(p.minWallMs, 0),
            fmt(p.medianWallMs, 0),
            String(p.runs),
            fmt(p.peakRssMb, 0),
            p.exitCodes.join(','),
          ]
        : [p.command, '-', '-', '-', '0', '-', '-'],
    ),
  );
}

/** The validation of what each cluster receives, part of (1)+(2), timed on its own row per size. */
export function validationTable(ours: readonly OursFigures[]): string {
  return table(
    ['clusters', 'validation ms', 'share of synth+render'],
    ours.map((o) => [
      String(o.clusters),
      fmt(o.ms.validation),
      `${fmt((100 * o.ms.validation) / o.ms.synthRender, 0)}%`,
    ]),
  );
}
