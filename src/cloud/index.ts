// The Pulumi side: Tencent Cloud bindings, components and the program. Loads @pulumi/pulumi.
export * as tencentcloud from './tencentcloud';
export * from './credentials/qcbm-credentials';
export * from './delivery/qcbm-delivery';
export * from './delivery/manifest-digest';
export * from './delivery/shadow-api';
export * from './region/qcbm-region';
export * from './region/security-rules';
export * from './program/program-config';
export * from './program/qcbm-program';
export * from './plan/fake-tencent-cloud';
export * from './plan/offline-plan';
export * from './plan/plan-report';
