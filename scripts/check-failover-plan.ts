// CI: `pulumi up` of the fleet a failover wrote converges with one run on a stack holding the first plan: the
// promoted instance imported, the old primary and copies forgotten (retained), never deleted or replaced, copies of
// the new primary elsewhere, the writable name's record updated in place (failoverPlanProblems).
// Usage: check-failover-plan.ts <before plan.json> <after plan.json> <after stack file>
import { readFileSync } from 'fs';
import { loadFleetFromStackFile } from '../src/model/load-fleet';
import { failoverPlanProblems } from '../src/testing/failover-plan-check';
import type { OfflinePlan } from '../src/testing/offline-plan';
import { planTransition } from '../src/testing/plan-transition';

const [beforeFile, afterFile, stackFile] = process.argv.slice(2);
if (!beforeFile || !afterFile || !stackFile) {
  console.error('usage: check-failover-plan.ts <before plan.json> <after plan.json> <after stack file>');
  process.exit(2);
}
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as OfflinePlan;
const before = read(beforeFile);
const after = read(afterFile);
const problems = failoverPlanProblems(before, after, loadFleetFromStackFile(stackFile));
if (problems.length > 0) {
  console.error(`${afterFile} after ${beforeFile}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
const counts = new Map<string, number>();
for (const s of planTransition(before, after)) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
console.log(
  `${afterFile} after ${beforeFile}: converges with one pulumi up (${[...counts].map(([op, n]) => `${n} ${op}`).join(', ')})`,
);
