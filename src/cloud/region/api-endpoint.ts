import * as pulumi from '@pulumi/pulumi';
import type { KubernetesApiConfig } from '../../model/cloud-schema';
import { consoleNames, siteResourceNames } from '../../model/resource-names';
import { SecurityGroup } from '../tencentcloud/security-group';
import { SecurityGroupRuleSet } from '../tencentcloud/security-group-rule-set';
import { TkeClusterEndpoint } from '../tencentcloud/tke-cluster-endpoint';
import type { ChildOptions, RegionTags } from './child-options';
import { ALLOW_ALL_EGRESS, apiIngressRules } from './security-rules';

export interface CreateApiEndpointArgs {
  readonly clusterId: pulumi.Input<string>;
  /** Who reaches the API server (validated). */
  readonly access: KubernetesApiConfig;
  /** The subnet of an intranet endpoint: the node subnet. */
  readonly intranetSubnetId: pulumi.Input<string>;
  /** What the endpoint waits for: the node pool (the provider opens endpoints only on clusters with nodes). */
  readonly dependsOn: pulumi.Resource[];
  readonly tags: RegionTags;
}

/** What `createApiEndpoint` creates. */
export interface RegionApiEndpoint {
  readonly endpoint: TkeClusterEndpoint;
  /** The security group of a public endpoint; undefined for an intranet one. */
  readonly securityGroup?: SecurityGroup;
  /** The kubeconfig of the endpoint opened (secret). */
  readonly kubeconfig: pulumi.Output<string>;
}

/**
 * The cluster's API endpoint: on the intranet, in the node subnet; or public, behind a security group that
 * accepts HTTPS from the allow-list only, which exists before the endpoint opens.
 */
export function createApiEndpoint(
  name: string,
  args: CreateApiEndpointArgs,
  opts: ChildOptions,
): RegionApiEndpoint {
  const names = siteResourceNames(name);
  if (args.access.access === 'public') {
    const securityGroup = new SecurityGroup(
      names.securityGroup('api'),
      {
        name: consoleNames.securityGroup('api'),
        description: 'QCBM TKE API server: HTTPS from the allow-list only',
        tags: args.tags,
      },
      opts,
    );
    const rules = new SecurityGroupRuleSet(
      names.securityGroupRules('api'),
      {
        securityGroupId: securityGroup.id,
        ingresses: apiIngressRules(args.access.allowedCidrs),
        egresses: ALLOW_ALL_EGRESS,
      },
      opts,
    );
    const endpoint = new TkeClusterEndpoint(
      names.apiEndpoint,
      { clusterId: args.clusterId, clusterInternet: true, clusterInternetSecurityGroup: securityGroup.id },
      { ...opts, dependsOn: [...args.dependsOn, rules] },
    );
    return { endpoint, securityGroup, kubeconfig: pulumi.secret(endpoint.kubeConfig) };
  }
  const endpoint = new TkeClusterEndpoint(
    names.apiEndpoint,
    { clusterId: args.clusterId, clusterIntranet: true, clusterIntranetSubnetId: args.intranetSubnetId },
    { ...opts, dependsOn: args.dependsOn },
  );
  return { endpoint, kubeconfig: pulumi.secret(endpoint.kubeConfigIntranet) };
}
