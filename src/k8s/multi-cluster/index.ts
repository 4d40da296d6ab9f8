export * from './cluster-target';
export * from './cluster-difference';
export * from './feed-order';
export * from './multi-cluster-app';
export * from './render-cluster';
export * from './rendered-cluster-chart';
