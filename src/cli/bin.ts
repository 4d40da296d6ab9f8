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

// A reader that stops reading (`qcbm-fleet drill --help | head`) has what it wanted: end quietly, as other
// command-line tools do, instead of an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
