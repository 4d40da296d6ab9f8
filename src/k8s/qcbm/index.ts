export * from './qcbm-app';
export * from './qcbm-options';
export * from './qcbm-secrets';
