import type { Fleet } from '../model/fleet-schema';
import {
  type DnspodZone,
  dnspodZones,
  type HealthCheck,
  healthCheckOf,
  manualSteps,
} from '../model/public-entry';
import type { TlsCertificateSource } from '../model/tls-schema';

/** The published name's certificate as the plan shows it. */
export interface PlannedTls {
  readonly certificate: TlsCertificateSource;
  /** The Secret each cluster gets, holding the certificate id under `qcloud_cert_id`. */
  readonly secretName: string;
  /** Where the certificate comes from, in words. */
  readonly provider: string;
}

/** How users reach the environment: the name, its health check, its certificate and its zones. */
export interface PublicEntryReport {
  readonly publishedName: string;
  /** The IGTM monitor; undefined without IGTM. */
  readonly healthCheck?: HealthCheck;
  /** Undefined where the name is served over plain HTTP. */
  readonly tls?: PlannedTls;
  readonly zones: readonly (DnspodZone & { readonly provider: string })[];
  /** What stays manual. */
  readonly manual: readonly string[];
}

/** The public-entry part of the plan. */
export function publicEntryReport(fleet: Fleet): PublicEntryReport {
  const tls = fleet.app.tls;
  const healthCheck = healthCheckOf(fleet);
  return {
    publishedName: fleet.app.ingressHost,
    ...(healthCheck ? { healthCheck } : {}),
    ...(tls
      ? {
          tls: {
            certificate: tls.certificate,
            secretName: tls.secretName,
            provider:
              tls.certificate === 'free'
                ? `a free DV certificate this stack requests (Ssl/freeCertificate, validated through DNSPod zone ${fleet.traffic?.zone}; fleet.app.tls.certificate "free")`
                : tls.certificate === 'uploaded'
                  ? 'the certificate this stack uploads from the secret config qcbm:tlsCertificate and qcbm:tlsPrivateKey (Ssl/certificate; fleet.app.tls.certificate "uploaded")'
                  : `the existing certificate ${tls.certificateId} (fleet.app.tls.certificateId)`,
          },
        }
      : {}),
    zones: dnspodZones(fleet).map((z) => ({
      ...z,
      provider:
        z.source === 'create'
          ? 'created by this stack (Dnspod/domainInstance; zoneSource "create"), kept on destroy'
          : 'declared existing (zoneSource "existing"): looked up during pulumi up (Dnspod/getDomainList), which fails naming it when absent',
    })),
    manual: manualSteps(fleet),
  };
}
