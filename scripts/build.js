#!/usr/bin/env node
// `npm run build`: compiles src/ to lib/ (incrementally) and stamps the build. With --if-stale (what
// `npm run synth|plan|qcbm-fleet` run first), only when a source changed since the last stamp: those scripts run
// the compiled command line, which starts in a fraction of the time the sources need through a TypeScript
// loader, and never code older than the checkout.
const { execFileSync } = require('child_process');
const { existsSync, readdirSync, rmSync, writeFileSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const staleness = join(root, 'lib', 'cli', 'stale-build.js');
if (process.argv.includes('--if-stale')) {
  const stale = !existsSync(staleness) || require(staleness).libIsStale(root);
  if (!stale) {
    removeOrphans(join(root, 'lib'), join(root, 'src'));
    process.exit(0);
  }
  process.stderr.write('lib/ is older than src/: building it (npm run build)\n');
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
removeOrphans(join(root, 'lib'), join(root, 'src'));
writeFileSync(join(root, 'lib', '.build-stamp'), `${new Date().toISOString()}\n`);

/** An incremental build never deletes: drop what a removed or renamed source left in lib/, so it is not packed. */
function removeOrphans(lib, src) {
  for (const entry of readdirSync(lib, { withFileTypes: true })) {
    const path = join(lib, entry.name);
    if (entry.isDirectory()) {
      if (existsSync(join(src, entry.name))) removeOrphans(path, join(src, entry.name));
      else rmSync(path, { recursive: true });
      continue;
    }
    const source = entry.name.replace(/(\.d)?\.ts$|\.js(\.map)?$|\.d\.ts\.map$/, '');
    if (source !== entry.name && !existsSync(join(src, `${source}.ts`))) rmSync(path);
  }
}
