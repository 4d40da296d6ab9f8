import type { PublicEntryReport } from '../testing/public-entry-report';

/** The public entry as the plan prints it. */
export function formatPublicEntry(report: PublicEntryReport): string[] {
  const lines = [`Public entry (${report.publishedName}):`];
  const check = report.healthCheck;
  if (check) {
    lines.push(
      `  Health check (IGTM monitor): ${check.protocol} GET ${check.path}, Host ${check.host}`,
      `    covers: ${check.covers}`,
      ...check.sees.map((s) => `    sees: ${s}`),
    );
    if (check.warning) lines.push(`    warning: ${check.warning}`);
  } else {
    lines.push('  Health check: none (no IGTM): nothing takes a failed region out of DNS');
  }
  const tls = report.tls;
  lines.push(
    tls
      ? `  Certificate: ${tls.provider}; each cluster's Secret ${tls.secretName} holds its id (qcloud_cert_id), its Ingress serves HTTPS and redirects HTTP to it`
      : '  Certificate: none: the published name is served over plain HTTP (fleet.app.tls)',
  );
  for (const z of report.zones) lines.push(`  DNSPod zone ${z.name} (${z.roles.join(', ')}): ${z.provider}`);
  if (report.manual.length > 0) lines.push('  Manual:', ...report.manual.map((m) => `    - ${m}`));
  return lines;
}
