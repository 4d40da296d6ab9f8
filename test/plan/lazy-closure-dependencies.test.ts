import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from '../support/repo-root';

// In a process of its own: jest's module registry is not Node's, and the point is what Node hands the SDK.
const probe = (defer: boolean) => `
const { types } = require('util');
const Module = require('module');
if (${defer}) {
  const { deferClosureDependencies } = require(${JSON.stringify(join(REPO_ROOT, 'src/plan/lazy-closure-dependencies.ts'))});
  deferClosureDependencies();
  deferClosureDependencies();
}
const loaded = (name) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + name + '/'));
const sdk = require.resolve('@pulumi/pulumi');
const pulumi = require('@pulumi/pulumi');
const arboristLoadedWithSdk = loaded('@npmcli/arborist');
const shim = require('@pulumi/pulumi/typescript-shim');
(async () => {
  const serialized = await pulumi.runtime.serializeFunction(() => 1 + 1);
  process.chdir(process.argv[1]);
  const codePaths = await pulumi.runtime.computeCodePaths();
  console.log(JSON.stringify({
    typescriptStandIn: types.isProxy(shim),
    arboristLoadedWithSdk,
    serialized: serialized.text.includes('1 + 1'),
    codePaths: [...codePaths.keys()].sort(),
  }));
})();
`;

let project: string;
beforeAll(() => {
  // A project with one dependency: what computeCodePaths walks with Arborist.
  project = mkdtempSync(join(tmpdir(), 'qcbm-closure-'));
  const dependency = join(project, 'node_modules', 'left-pad');
  mkdirSync(dependency, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'p', dependencies: { 'left-pad': '1.0.0' } }),
  );
  writeFileSync(join(dependency, 'package.json'), JSON.stringify({ name: 'left-pad', version: '1.0.0' }));
  writeFileSync(join(dependency, 'index.js'), 'module.exports = 1;\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const run = (defer: boolean) =>
  JSON.parse(
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', probe(defer), project], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }),
  );

test('the SDK loads without TypeScript and Arborist, and still serializes functions and walks code paths', () => {
  const deferred = run(true);
  const eager = run(false);
  expect(deferred).toEqual({ ...eager, typescriptStandIn: true, arboristLoadedWithSdk: false });
  expect(eager).toMatchObject({ typescriptStandIn: false, arboristLoadedWithSdk: true, serialized: true });
  expect(eager.codePaths).toEqual(['node_modules/left-pad']);
});
