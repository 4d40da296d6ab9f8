// The cdk8s app named in cdk8s.yaml. Environment: QCBM_STACK (default "dev") picks Pulumi.<stack>.yaml;
// QCBM_FLEET_FILE names another file; CDK8S_OUTDIR (set by `cdk8s synth`) is where the YAML goes.
import { synthEnvironment } from './k8s/fleet/synth-environment';
import { formatIssue, ValidationError } from './model/validation-error';

const stack = process.env.QCBM_STACK ?? 'dev';
const stackFile = process.env.QCBM_FLEET_FILE ?? `Pulumi.${stack}.yaml`;

try {
  const charts = synthEnvironment({ stackFile, outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
  for (const warning of charts.multiCluster.warnings) console.error(`Warning: ${formatIssue(warning)}`);
} catch (e) {
  if (!ValidationError.isValidationError(e)) throw e;
  console.error(e.message);
  process.exit(1);
}
