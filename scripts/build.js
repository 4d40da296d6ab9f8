#!/usr/bin/env node
// `npm run build`: compiles src/ to lib/ (incrementally) and stamps the build. With --if-stale (what
// `npm run synth|plan|qcbm-fleet` run first), only when a source changed since the last stamp: those scripts run
// the compiled command line, which starts in a fraction of the time the sources need through a TypeScript
// loader, and never code older than the checkout.
const { execFileSync } = require('child_process');
const { existsSync, writeFileSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const staleness = join(root, 'lib', 'cli', 'stale-build.js');
if (process.argv.includes('--if-stale')) {
  const stale = !existsSync(staleness) || require(staleness).libIsStale(root);
  if (!stale) process.exit(0);
  process.stderr.write('lib/ is older than src/: building it (npm run build)\n');
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
writeFileSync(join(root, 'lib', '.build-stamp'), `${new Date().toISOString()}\n`);
