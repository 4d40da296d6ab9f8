import type { Fleet } from './fleet-schema';
import { formatPath } from './issue-path';
import { isKnownRegion } from './tencent-regions';
import type { ValidationIssue } from './validation-error';

const at = (...p: PropertyKey[]) => formatPath('fleet', p);

/**
 * Checks of `fleet.cloud.tracing` against the rest of the fleet: declared collectors need an endpoint in every
 * cluster; an APM instance the stack creates gives every cluster its collector (a declared one would be ignored)
 * and its token, which only the Secret Pulumi builds can carry.
 */
export function checkTracing(fleet: Fleet): ValidationIssue[] {
  const tracing = fleet.cloud.tracing;
  const issues: ValidationIssue[] = [];
  fleet.clusters.forEach((c, i) => {
    const declared = c.endpoints.skywalking;
    if (tracing.mode === 'external' && declared === undefined) {
      issues.push({
        path: at('clusters', i, 'endpoints', 'skywalking'),
        message:
          'is required: the services send traces to declared collectors (fleet.cloud.tracing.mode "external")',
        fix: "give the collector's host and port, or let the stack create an APM instance: fleet.cloud.tracing: { mode: managed }",
      });
    }
    if (tracing.mode === 'managed' && declared !== undefined) {
      issues.push({
        path: at('clusters', i, 'endpoints', 'skywalking'),
        message:
          'is not used: the APM instance the stack creates (fleet.cloud.tracing.mode "managed") is every cluster\'s collector',
        value: declared,
        fix: 'remove it, or set fleet.cloud.tracing.mode to "external"',
      });
    }
  });
  if (tracing.mode === 'managed' && fleet.app.secrets.source !== 'pulumi') {
    issues.push({
      path: at('cloud', 'tracing', 'mode'),
      message:
        'is "managed", but the app\'s Secret is created out of band (fleet.app.secrets.source "existing"): the APM instance\'s token exists only once `pulumi up` created it, and only the Secret Pulumi builds can carry it',
      value: tracing.mode,
      fix: 'set fleet.app.secrets.source to "pulumi", or declare the collector (mode "external") and put its token in your Secret',
    });
  }
  if (tracing.mode === 'managed' && tracing.region !== undefined && !isKnownRegion(tracing.region)) {
    issues.push({
      path: at('cloud', 'tracing', 'region'),
      message: 'is not a Tencent Cloud region this library knows',
      value: tracing.region,
      fix: "use the region of one of the fleet's clusters, or leave it out",
    });
  }
  return issues;
}
