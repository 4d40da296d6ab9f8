import type { Fleet } from '../../model/fleet-schema';
import { formatPath } from '../../model/issue-path';
import { ValidationError } from '../../model/validation-error';
import type { QcbmTlsOptions } from '../qcbm/qcbm-tls';

/**
 * The app's TLS settings for `fleet.app.tls`: the certificate id is the fleet's own (`existing`) or the one the
 * stack created (`free`, `uploaded`), which only `pulumi up` knows.
 * @throws ValidationError where the fleet has TLS and the id is not known
 */
export function fleetTls(fleet: Fleet, createdCertificateId: string | undefined): QcbmTlsOptions | undefined {
  const tls = fleet.app.tls;
  if (!tls) return undefined;
  const certificateId = tls.certificate === 'existing' ? tls.certificateId : createdCertificateId;
  if (!certificateId) {
    throw new ValidationError(`fleet "${fleet.name}"`, [
      {
        path: formatPath('fleet', ['app', 'tls', 'certificate']),
        message: `is "${tls.certificate}": the certificate is created during \`pulumi up\`, so its id is not known yet`,
        value: tls.certificate,
        fix: 'deploy with the Pulumi program (it passes the id), preview with `npm run plan`, or use certificate "existing" with its certificateId',
      },
    ]);
  }
  return { certificateId, secretName: tls.secretName };
}
