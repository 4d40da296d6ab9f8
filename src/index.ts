// The public API without Pulumi: the fleet model and the cdk8s constructs. Pulumi components are in
// "@qcbm/fleet/cloud", so a cdk8s-only user never loads Pulumi.
export * from './model';
export * from './k8s';
