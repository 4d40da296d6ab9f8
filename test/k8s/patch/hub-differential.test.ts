import { readFileSync } from 'fs';
import { applyJsonPatch, PatchApplyError } from '../../../src/k8s/patch/json-patch';
import { jsonEqual } from '../../../src/k8s/patch/json-value';
import { applyMergePatch } from '../../../src/k8s/patch/merge-patch';
import { repoPath } from '../../support/repo-root';
import { outcomeOf } from '../../support/thrown';

interface HubCase {
  readonly kind: 'json' | 'merge';
  readonly doc: number;
  readonly patch: unknown;
  readonly hub: 'applied' | 'skipped' | 'blocked';
  readonly result?: unknown;
}

// Kubernetes-shaped cases run through the hub's own library (see `source` in the file): every outcome class and
// every error message kind of a random corpus of 23,000 cases, three of each.
const fixture = JSON.parse(readFileSync(repoPath('test/fixtures/hub-patch-cases.json'), 'utf8')) as {
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
  const applied = outcomeOf(
    () =>
      (c.kind === 'merge' ? applyMergePatch(doc, c.patch) : applyJsonPatch(doc, c.patch as unknown[])).doc,
  );
  if (applied.threw && !(applied.error instanceof PatchApplyError)) throw applied.error;
  expect(applied.threw ? (applied.error as PatchApplyError).outcome : 'applied').toBe(c.hub);
  if (c.hub === 'applied') expect(jsonEqual(applied.threw ? undefined : applied.value, c.result)).toBe(true);
});
