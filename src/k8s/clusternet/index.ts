export * from './feed';
export * from './cluster-selector';
export * from './override';
export * from './override-spec';
export * from './subscription';
export * from './localization';
export * from './globalization';
