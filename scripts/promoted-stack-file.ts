// CI: the stack file a failover of <stack> to <region> writes, as `qcbm-fleet failover --execute` writes it
// (applyStackFilePromotion), with the disaster-recovery instance's id from the offline plan of <stack> (its fake
// id), so that the plan of the written file can be compared with the first (scripts/check-failover-plan.ts).
// Usage: promoted-stack-file.ts <plan.json> <Pulumi.<stack>.yaml> <region> <out.yaml> [--lost]
//   --lost: the old primary's region did not answer (it goes into lostRegions).
import { readFileSync, writeFileSync } from 'fs';
import { loadFleetFromStackFile } from '../src/model/load-fleet';
import { primaryCluster } from '../src/model/topology/sites';
import { applyStackFilePromotion } from '../src/ops/failover';
import type { OfflinePlan } from '../src/testing/offline-plan';

const [planFile, stackFile, region, out, flag] = process.argv.slice(2);
if (!planFile || !stackFile || !region || !out || (flag !== undefined && flag !== '--lost')) {
  console.error('usage: promoted-stack-file.ts <plan.json> <stack file> <region> <out.yaml> [--lost]');
  process.exit(2);
}
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as OfflinePlan;
const fleet = loadFleetFromStackFile(stackFile);
const primary = primaryCluster(fleet);
const outputs = plan.outputs as {
  readonly sites?: Record<string, { readonly cluster: string; readonly mysqlInstanceId?: string }>;
  readonly data?: {
    readonly drInstances?: Record<string, { readonly region: string; readonly instanceId: string }>;
  };
};
const copy = Object.values(outputs.data?.drInstances ?? {}).find((c) => c.region === region);
const primaryId = Object.values(outputs.sites ?? {}).find(
  (s) => s.cluster === primary?.name,
)?.mysqlInstanceId;
if (!primary || !copy || !primaryId) {
  console.error(`${planFile}: no primary with an instance id, or no disaster-recovery instance in ${region}`);
  process.exit(1);
}
const text = applyStackFilePromotion(readFileSync(stackFile, 'utf8'), {
  primaryRegion: region,
  promotion: {
    instanceId: copy.instanceId,
    fromInstanceId: primaryId,
    fromRegion: primary.region,
    at: '2026-12-04T03:12:45Z',
  },
  ...(flag === '--lost' ? { lostRegions: [primary.region] } : {}),
});
writeFileSync(out, text);
console.log(
  `${out}: ${stackFile} after a failover to ${copy.instanceId} in ${region}${flag ? `, ${primary.region} lost` : ''}`,
);
