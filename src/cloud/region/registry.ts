import * as pulumi from '@pulumi/pulumi';
import type { Endpoint } from '../../model/fields';
import { NACOS_PORTS, REGISTRY_DEFAULTS, type TseProductVersion } from '../../model/registry-schema';
import { siteResourceNames } from '../../model/resource-names';
import {
  getTseAccessAddress,
  type GetTseAccessAddressResult,
  tseIntranetEndpoint,
} from '../tencentcloud/tse-access-address';
import { TseInstance } from '../tencentcloud/tse-instance';
import type { ChildOptions, RegionTags } from './child-options';

/** A TSE Nacos created at a site (`fleet.cloud.regions[].nacos` mode `managed`). */
export interface RegionNacosArgs {
  /** The Nacos version TSE runs. @default '2.0.3.4' */
  readonly engineVersion?: pulumi.Input<string>;
  /** `TRIAL` (one node) or `STANDARD` (3, 5 or 7). @default 'STANDARD' */
  readonly productVersion?: pulumi.Input<TseProductVersion>;
  /** @default - 1 for TRIAL, 3 for STANDARD */
  readonly nodes?: pulumi.Input<number>;
  /** The spec id from TSE's purchase page. @default 'spec-1160a35a' */
  readonly spec?: pulumi.Input<string>;
}

/** Where the registry goes: the site's VPC and the data subnet the nodes reach. */
export interface RegistryPlacement {
  readonly region: string;
  /** The instance's name in the console, e.g. `qcbm-ap-guangzhou`. */
  readonly instanceName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly tags: RegionTags;
}

/** What `createNacos` creates. */
export interface RegionNacos {
  readonly instance: TseInstance;
  /** Its intranet address, from the access-address data source: the cluster's NACOS_HOST and NACOS_PORT. */
  readonly endpoint: pulumi.Output<Endpoint>;
}

/**
 * A postpaid TSE Nacos in the site's data subnet, with no internet access, and its intranet address. The provider
 * has no security-group input for TSE: its address is reachable from the VPC (and the networks joined to it), and
 * the nodes reach it through their own group's open egress.
 * @throws pulumi.ResourceError (when the address resolves) where TSE gives no usable intranet address
 */
export function createNacos(
  name: string,
  args: RegionNacosArgs,
  placement: RegistryPlacement,
  opts: ChildOptions,
): RegionNacos {
  const defaults = REGISTRY_DEFAULTS.managed;
  const productVersion = args.productVersion ?? defaults.productVersion;
  const instance = new TseInstance(
    siteResourceNames(name).nacos,
    {
      engineType: 'nacos',
      engineVersion: args.engineVersion ?? defaults.engineVersion,
      engineProductVersion: productVersion,
      engineRegion: placement.region,
      engineName: placement.instanceName,
      tradeType: 0,
      engineResourceSpec: args.spec ?? defaults.spec,
      engineNodeNum:
        args.nodes ?? pulumi.output(productVersion).apply((p) => defaults.nodes[p as TseProductVersion]),
      vpcId: placement.vpcId,
      subnetId: placement.subnetId,
      enableClientInternetAccess: false,
      tags: placement.tags,
    },
    opts,
  );
  const address = getTseAccessAddress(
    {
      instanceId: instance.id,
      vpcId: placement.vpcId,
      subnetId: placement.subnetId,
      engineRegion: placement.region,
    },
    opts,
  );
  const endpoint = pulumi
    .all([address, instance.id])
    .apply(([found, id]) => tseNacosEndpoint(found, id, placement.region, instance));
  return { instance, endpoint };
}

/**
 * The Nacos endpoint in what TSE's access-address lookup answered: the first usable intranet address (8848 where
 * it gives no port).
 * @throws pulumi.ResourceError naming the instance where there is none
 */
export function tseNacosEndpoint(
  found: GetTseAccessAddressResult,
  instanceId: string,
  region: string,
  resource?: pulumi.Resource,
): Endpoint {
  const parsed = tseIntranetEndpoint(found.intranetAddress, NACOS_PORTS.http);
  if (!parsed) {
    throw new pulumi.ResourceError(
      `TSE Nacos ${instanceId} in ${region} gave no usable intranet address (intranetAddress ${JSON.stringify(found.intranetAddress ?? null)}): check the instance's VPC access in the TSE console, or choose nacos mode "in-cluster" for the site`,
      resource,
    );
  }
  return parsed;
}
