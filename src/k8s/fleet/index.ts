export * from './qcbm-fleet-charts';
export * from './synth-environment';
export * from './synthesize-fleet';
