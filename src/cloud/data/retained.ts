import type * as pulumi from '@pulumi/pulumi';

/**
 * The options of a data resource Pulumi must never destroy by accident (the primary MySQL, its disaster-recovery
 * instances, the database, the account and its privileges): `retainOnDelete`, so that removing one from the
 * program, or a failover adopting another primary, forgets it in the state and leaves the data in the cloud.
 */
export function retained<T extends pulumi.CustomResourceOptions>(opts: T): T & { retainOnDelete: true } {
  return { ...opts, retainOnDelete: true };
}
