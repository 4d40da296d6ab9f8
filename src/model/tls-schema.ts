import { z } from 'zod';
import * as field from './fields';

/**
 * Where the certificate of the published name comes from. `free`: the stack requests a free DV certificate
 * (`Ssl/freeCertificate`) validated through DNSPod, which needs the zone of `traffic.zone` in the account's DNSPod;
 * `uploaded`: the stack uploads the certificate and key held in the secret stack config `qcbm:tlsCertificate` and
 * `qcbm:tlsPrivateKey` (`Ssl/certificate`); `existing`: a certificate already in the account's SSL service, by id.
 */
export const TLS_CERTIFICATE_SOURCES = ['free', 'uploaded', 'existing'] as const;
export type TlsCertificateSource = (typeof TLS_CERTIFICATE_SOURCES)[number];

/** The Secret TKE's ingress controller reads the certificate id from, by default. */
export const DEFAULT_TLS_SECRET_NAME = 'qcbm-tls';

/** An id of the SSL certificate service, as the console shows it ("Certificate ID"). */
export const certificateIdSchema = z.string().refine((id) => /^[A-Za-z0-9]{6,16}$/.test(id), {
  message:
    'must be an SSL certificate id like "Kx7pQ2mZ" (letters and digits, the console\'s Certificate ID)',
  params: { fix: "copy the certificate's id from the SSL certificate console" },
});

const common = {
  /** The Secret (in the app's namespace) holding `qcloud_cert_id`, which the Ingress's `tls` names. @default 'qcbm-tls' */
  secretName: field.dnsSubdomain.default(DEFAULT_TLS_SECRET_NAME),
};

export const tlsSchema = z.discriminatedUnion('certificate', [
  z.strictObject({
    certificate: z.literal('free'),
    ...common,
    /**
     * A free certificate lasts three months and is not renewed by itself: raise this number before it expires and
     * run `pulumi up`, which requests a new certificate, points every cluster's Secret at it, then deletes the old.
     * @default 0
     */
    renewal: z
      .number()
      .refine((n) => Number.isInteger(n) && n >= 0, {
        message: 'must be a whole number from 0',
        params: { fix: 'raise it by one to request a new free certificate, e.g. 1' },
      })
      .default(0),
    /** Where the CA writes about the certificate. @default - the account's contact */
    contactEmail: z.email({ message: 'must be an email address' }).optional(),
  }),
  z.strictObject({ certificate: z.literal('uploaded'), ...common }),
  z.strictObject({
    certificate: z.literal('existing'),
    ...common,
    /** The certificate's id in the SSL certificate service (the console's "Certificate ID"). */
    certificateId: certificateIdSchema,
  }),
]);

export type Tls = z.output<typeof tlsSchema>;
