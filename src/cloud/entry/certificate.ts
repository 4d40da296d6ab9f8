import * as pulumi from '@pulumi/pulumi';
import type { Fleet } from '../../model/fleet-schema';
import { certificateName, consoleNames } from '../../model/resource-names';
import { stackConfigKey } from '../../model/stack-config';
import { SslCertificate } from '../tencentcloud/ssl-certificate';
import { SslFreeCertificate } from '../tencentcloud/ssl-free-certificate';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/** What `createCertificate` needs besides the fleet. */
export interface PublishedCertificateArgs {
  /** The validated fleet; `fleet.app.tls` says where the certificate comes from. */
  readonly fleet: Fleet;
  /** `uploaded`: the certificate chain, PEM (secret config `qcbm:tlsCertificate`). */
  readonly certificate?: pulumi.Input<string>;
  /** `uploaded`: its private key, PEM (secret config `qcbm:tlsPrivateKey`). */
  readonly privateKey?: pulumi.Input<string>;
  /**
   * `free`: the published name's zone once it is found or created (`QcbmGlobalTraffic.zones`): the validation
   * record is written there.
   */
  readonly zone?: pulumi.Output<string>;
  /**
   * SSL certificates are account-wide: any region's provider.
   * @default - none; required unless the certificate is `existing`
   */
  readonly provider?: TencentCloudProvider;
}

/**
 * The id of the published name's certificate (`fleet.app.tls`), which TKE's ingress controller binds through each
 * cluster's `qcloud_cert_id` Secret: a free DV certificate requested and validated through DNSPod, the uploaded
 * one, or the fleet's existing id; undefined where the fleet has no TLS. The certificate is a child of `parent`.
 */
export function createCertificate(
  name: string,
  args: PublishedCertificateArgs,
  parent?: pulumi.Resource,
): pulumi.Output<string> | undefined {
  const { fleet } = args;
  const tls = fleet.app.tls;
  if (!tls) return undefined;
  if (tls.certificate === 'existing') return pulumi.output(tls.certificateId);
  const host = fleet.app.ingressHost;
  if (!args.provider) {
    throw new pulumi.ResourceError(
      `a provider is needed to create the ${tls.certificate} certificate of ${host}`,
      parent,
    );
  }
  const opts = { parent, provider: args.provider };
  switch (tls.certificate) {
    case 'free': {
      const certificate = new SslFreeCertificate(
        certificateName(name, tls.renewal),
        {
          // Asked for once the zone is there: DNS_AUTO writes the validation record into it.
          domain: args.zone ? args.zone.apply(() => host) : host,
          dvAuthMethod: 'DNS_AUTO',
          alias: consoleNames.certificate(fleet.name, tls.renewal),
          ...(tls.contactEmail ? { contactEmail: tls.contactEmail } : {}),
        },
        opts,
      );
      return certificate.id;
    }
    case 'uploaded': {
      if (args.certificate === undefined || args.privateKey === undefined) {
        throw new pulumi.ResourceError(
          `fleet.app.tls.certificate is "uploaded", and ${[args.certificate === undefined ? stackConfigKey('tlsCertificate') : '', args.privateKey === undefined ? stackConfigKey('tlsPrivateKey') : ''].filter(Boolean).join(' and ')} is not set: pulumi config set --secret <key> -- "$(cat <file>.pem)"`,
          parent,
        );
      }
      const certificate = new SslCertificate(
        certificateName(name),
        {
          cert: args.certificate,
          key: args.privateKey,
          type: 'SVR',
          name: consoleNames.certificate(fleet.name),
        },
        opts,
      );
      return pulumi.all([certificate.id, certificate.subjectNames]).apply(([id, names]) => {
        // The service reads the names from the certificate; one that does not cover the published name would make
        // every region fail its HTTPS check at once.
        if (names && names.length > 0 && !names.some((n) => coversName(n, host))) {
          throw new pulumi.ResourceError(
            `the certificate in ${stackConfigKey('tlsCertificate')} is for ${names.join(', ')}, not for the published name ${host}: upload one whose names include ${host} (or *.${host.split('.').slice(1).join('.')})`,
            certificate,
          );
        }
        return id;
      });
    }
  }
}

/** Whether a certificate name (`www.qcbm.com`, `*.qcbm.com`) covers the host; a wildcard covers one label. */
export function coversName(name: string, host: string): boolean {
  const [n, h] = [name.toLowerCase(), host.toLowerCase()];
  if (!n.startsWith('*.')) return n === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === n.slice(2);
}
