export * from './kubernetes-hardening';
export * from './cloud-rules';
