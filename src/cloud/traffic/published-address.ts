import * as pulumi from '@pulumi/pulumi';
import { isPrivateAddress, recordTypeOf } from '../../model/addresses';

/** A record value: a domain as a fully qualified name, an address as it is. */
export function recordValueOf(address: string): string {
  return recordTypeOf(address) === 'CNAME' && !address.endsWith('.') ? `${address}.` : address;
}

/**
 * A cluster's address once it is known, refused when users could not reach it: empty (a CLB with neither a VIP nor
 * a domain), or private, loopback or reserved, which IGTM rejects and public resolvers cannot send users to. A
 * domain (a domain-based CLB's) is taken as it is: IGTM pools accept domains, and DNSPod publishes it as a CNAME.
 */
export function checkedAddress(
  cluster: string,
  address: pulumi.Input<string>,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  return pulumi.output(address).apply((a) => {
    const where = `the address of cluster "${cluster}"`;
    if (!a) {
      throw new pulumi.ResourceError(
        `${where} is empty (a CLB with neither a VIP nor a domain?): pass its public CLB VIP or domain in addresses["${cluster}"], or set the cluster's ingressAddress`,
        parent,
      );
    }
    if (isPrivateAddress(a)) {
      throw new pulumi.ResourceError(
        `${where} is ${a}, a private, loopback or reserved address: IGTM rejects it and public DNS cannot send users there. Pass the public address of the cluster's Ingress (its public CLB's VIP or domain)`,
        parent,
      );
    }
    return a;
  });
}
