import { readFileSync } from 'fs';
import { join } from 'path';
import { applyJsonPatch, PatchApplyError } from '../../../src/k8s/patch/json-patch';
import { jsonEqual } from '../../../src/k8s/patch/json-value';
import { applyMergePatch } from '../../../src/k8s/patch/merge-patch';

interface HubCase {
  readonly kind: 'json' | 'merge';
  readonly doc: number;
  readonly patch: unknown;
  readonly hub: 'applied' | 'skipped' | 'blocked';
  readonly result?: unknown;
}

// Kubernetes-shaped cases run through the hub's own library (see `source` in the file): every outcome class and
// every error message kind of a random corpus of 23,000 cases, three of each.
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/hub-patch-cases.json'), 'utf8')) as {
  docs: unknown[];
  cases: HubCase[];
};

test('the corpus covers applied, skipped and blocked patches of every op and merge patches', () => {
  const outcomes = new Set(fixture.cases.map((c) => `${c.kind}:${c.hub}`));
  expect([...outcomes].sort()).toEqual([
    'json:applied',
    'json:blocked',
    'json:skipped',
    'merge:applied',
    'merge:blocked',
  ]);
  expect(fixture.cases.length).toBeGreaterThan(500);
});

test.each(fixture.cases.map((c, i) => [i, c] as const))('case %i renders as the hub does', (_i, c) => {
  const doc = fixture.docs[c.doc];
  let outcome: string;
  let result: unknown;
  try {
    result = (c.kind === 'merge' ? applyMergePatch(doc, c.patch) : applyJsonPatch(doc, c.patch as unknown[]))
      .doc;
    outcome = 'applied';
  } catch (e) {
    if (!(e instanceof PatchApplyError)) throw e;
    outcome = e.outcome;
  }
  expect(outcome).toBe(c.hub);
  if (c.hub === 'applied') expect(jsonEqual(result, c.result)).toBe(true);
});
