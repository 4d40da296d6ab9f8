import type * as pulumi from '@pulumi/pulumi';

/** What every resource a region component creates is given: its parent and the region's provider. */
export interface ChildOptions {
  readonly parent: pulumi.Resource;
  readonly provider: pulumi.ProviderResource;
}

/** Tags every resource of a region carries. */
export type RegionTags = Readonly<Record<string, string>>;
