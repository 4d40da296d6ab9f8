// HTTPS on the published name as TKE's CLB ingress controller takes it:
// - the certificate is named by a Secret (type Opaque, in the Ingress's namespace) whose data key `qcloud_cert_id`
//   holds the SSL certificate service's id, not a PEM pair; `spec.tls[].secretName` names it (Ingress certificate
//   configuration, https://intl.cloud.tencent.com/document/product/457/37016; the controller's error E4011 is a
//   Secret without that key);
// - `ingress.cloud.tencent.com/auto-rewrite: "true"` turns every HTTPS rule into an HTTP rule redirecting to it, with
//   `ingress.cloud.tencent.com/rewrite-support: "true"` enabling the controller's redirect management (Ingress
//   redirect, https://cloud.tencent.com/document/product/457/59096 and
//   https://www.tencentcloud.com/document/product/457/42592; Ingress annotations,
//   https://cloud.tencent.com/document/product/457/56112, https://tencentcloud.com/document/product/457/40675).
// The listeners stay the controller's defaults, HTTP:80 and HTTPS:443: `ingress.cloud.tencent.com/listen-ports`
// would set them only when the CLB's listeners are first created, so it is left out.

/** The Secret key TKE's ingress controller reads the certificate id from. */
export const QCLOUD_CERT_ID_KEY = 'qcloud_cert_id';
export const AUTO_REWRITE_ANNOTATION = 'ingress.cloud.tencent.com/auto-rewrite';
export const REWRITE_SUPPORT_ANNOTATION = 'ingress.cloud.tencent.com/rewrite-support';

/** HTTPS on `QcbmAppProps.ingressHost`. */
export interface QcbmTlsOptions {
  /** The certificate's id in Tencent Cloud's SSL certificate service; it must cover the published name. */
  readonly certificateId: string;
  /** The Secret that holds the id, in the app's namespace. @default 'qcbm-tls' */
  readonly secretName?: string;
}

/** The annotations that redirect HTTP to HTTPS on the Ingress. */
export function redirectAnnotations(): Record<string, string> {
  return { [AUTO_REWRITE_ANNOTATION]: 'true', [REWRITE_SUPPORT_ANNOTATION]: 'true' };
}

/** The Secret's `data`: the certificate id, base64 as Kubernetes stores it. */
export function certificateSecretData(certificateId: string): Record<string, string> {
  return { [QCLOUD_CERT_ID_KEY]: Buffer.from(certificateId, 'utf8').toString('base64') };
}
