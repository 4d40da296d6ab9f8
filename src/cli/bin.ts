#!/usr/bin/env node
// The `qcbm-fleet` executable of the package.
import { join } from 'path';
import { main } from './main';
import { processIo } from './io';
import { libIsStale } from './stale-build';

// Run from lib/ of a source checkout (cdk8s.yaml's app, or by hand) after the sources changed: say so.
if (__filename.endsWith('.js') && libIsStale(join(__dirname, '..', '..'))) {
  process.stderr.write('Warning: lib/ is older than src/: this runs the last build; run npm run build\n');
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
