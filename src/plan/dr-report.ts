import type { DisasterRecoveryReport } from '../testing/disaster-recovery';
import { formatBudgetTerms } from '../model/topology/failover-budget';

/** The report as the plan prints it. */
export function formatDisasterRecovery(report: DisasterRecoveryReport): string[] {
  const lines: string[] = ['Disaster recovery:'];
  const t = report.topology;
  lines.push(
    t
      ? `  topology ${t.kind}: ${t.means}; recovery time objective ${t.rtoSeconds === undefined ? 'not stated' : `${t.rtoSeconds} s`}`
      : '  no topology declared: each region stands alone, and nothing sends its users elsewhere when it fails',
  );
  for (const s of report.sites) {
    lines.push(
      `  ${s.cluster} (${s.region})${s.centre ? ` centre ${s.centre}` : ''}: ${s.role}, ${s.weight} % of its lines`,
    );
  }
  if (report.data.length > 0) lines.push('  Data:', ...report.data.map((d) => `    ${d}`));
  if (report.writerName) {
    const w = report.writerName;
    lines.push(
      `    Every cluster writes through ${w.host} (a private DNS record in every site's VPC, TTL ${w.ttlSeconds} s): a failover changes this one record, not any cluster's configuration`,
    );
  }
  if (report.recoveryPoints.length > 0) {
    lines.push('  Recovery point (writes that can be lost):');
    for (const p of report.recoveryPoints) lines.push(`    losing ${p.loss}: ${p.rpo}`);
  }
  const w = report.writeBudget;
  if (w) {
    lines.push(
      `  Write budget (${w.primaryRegion} lost: until writes succeed again through the writable name):`,
      ...w.terms.map((t) => `    ${t.name.padEnd(12)} ${String(t.seconds).padStart(5)} s  ${t.how}`),
      `    total        ${String(w.totalSeconds).padStart(5)} s  ${w.targetSeconds === undefined ? 'no target (topology.writeRtoSeconds)' : `target ${w.targetSeconds} s: ${w.totalSeconds <= w.targetSeconds ? 'meets the target' : 'misses the target'}`}`,
      `    RPO: ${w.rpo}`,
    );
  }
  if (report.backups.length > 0) lines.push('  Backups:', ...report.backups.map((b) => `    ${b}`));
  if (!report.trafficMode) return lines;
  lines.push(`  Traffic (${report.trafficMode}), per line: tiers in order, then the fallback:`);
  for (const l of report.lines) {
    lines.push(`    ${l.line}: ${l.tiers.map((tier) => `[${tier.join(', ')}]`).join(' → ')} → ${l.fallback}`);
  }
  lines.push(
    '  Failover budget (worst case for users of a failed region to reach a healthy one; the traffic layer only):',
  );
  const first = report.budget[0];
  if (first) {
    lines.push(`    terms: ${formatBudgetTerms(first.terms, { how: true })}`);
  }
  for (const row of report.budget) {
    const total = row.totalSeconds === undefined ? 'unbounded' : `${row.totalSeconds} s`;
    const target = row.targetSeconds === undefined ? 'no target' : `target ${row.targetSeconds} s`;
    lines.push(
      row.affected
        ? `    ${row.region} lost, line ${row.line}: ${total}, ${target}: ${row.verdict}; then ${row.takesOver.join(', ') || 'nobody'}`
        : `    ${row.region} lost, line ${row.line}: no change (the line's users are not sent there first)`,
    );
  }
  if (report.primaryRegion) {
    lines.push(
      `    ${report.primaryRegion} lost, on every line: the traffic moves as above, but nothing writes (orders, carts, accounts) until a disaster-recovery instance is promoted (see Data)`,
    );
  }
  return lines;
}
