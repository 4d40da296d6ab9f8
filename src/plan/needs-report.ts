import type { RuntimeNeed } from '../model/runtime-needs';

const MARK: Readonly<Record<RuntimeNeed['status'], string>> = {
  built: 'built by this stack',
  declared: 'declared',
  missing: 'MISSING',
};

/** The plan's run-time needs, per cluster: what provides each, the field that declares it, the fix of a missing one. */
export function formatNeeds(needs: readonly RuntimeNeed[]): string[] {
  const missing = needs.filter((n) => n.status === 'missing').length;
  const lines = [
    missing === 0
      ? 'Run-time needs (what provides each, per cluster): every need is provided'
      : `Run-time needs (what provides each, per cluster): ${missing} missing`,
  ];
  const clusters = [...new Set(needs.map((n) => n.cluster))];
  for (const cluster of clusters) {
    lines.push(`  ${cluster}:`);
    for (const n of needs.filter((x) => x.cluster === cluster)) {
      const field = n.field ? ` (${n.field})` : '';
      lines.push(`    ${n.need}: ${MARK[n.status]}${field}: ${n.provider}`);
      if (n.fix) lines.push(`      fix: ${n.fix}`);
    }
  }
  return lines;
}
