import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { libIsStale } from '../../src/cli/stale-build';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qcbm-stale-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

test('lib/ is stale without a build stamp, fresh after one, stale again once a source changes', () => {
  expect(libIsStale(root)).toBe(true);
  mkdirSync(join(root, 'lib'));
  const stamp = join(root, 'lib', '.build-stamp');
  writeFileSync(stamp, '');
  at(join(root, 'src', 'cli', 'main.ts'), 1000);
  at(stamp, 2000);
  expect(libIsStale(root)).toBe(false);
  at(join(root, 'src', 'cli', 'main.ts'), 3000);
  expect(libIsStale(root)).toBe(true);
});

test('an installed package (no src/) is never stale', () => {
  rmSync(join(root, 'src'), { recursive: true });
  expect(libIsStale(root)).toBe(false);
});
