import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserError } from '../../src/model/user-error';
import { ValidationError } from '../../src/model/validation-error';
import { readStackOutputs } from '../../src/ops/stack-outputs';
import { prodStackOutputs } from '../fixtures/stack-outputs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-outputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const FIX = 'pulumi stack output --json --show-secrets > outputs.json';

test('reads the file `pulumi stack output --json --show-secrets` writes', () => {
  const path = file('outputs.json', JSON.stringify(prodStackOutputs({ kubeconfigs: { 'beijing-01': 'k' } })));
  expect(readStackOutputs(path)).toMatchObject({ environment: 'prod', kubeconfigs: { 'beijing-01': 'k' } });
});

test('a file that is missing or not JSON: a user error naming it, with the command that writes it', () => {
  const missing = join(dir, 'missing.json');
  expect(() => readStackOutputs(missing)).toThrow(UserError);
  expect(() => readStackOutputs(missing)).toThrow(`--outputs ${missing} cannot be read (ENOENT)`);
  const notJson = file('outputs.json', 'Current stack outputs (2):');
  expect(() => readStackOutputs(notJson)).toThrow(new RegExp(`^--outputs ${notJson} is not JSON: `));
  expect(() => readStackOutputs(notJson)).toThrow(expect.objectContaining({ fix: `write it with: ${FIX}` }));
});

test('outputs of another version: a ValidationError naming the file, what is wrong and the fix', () => {
  const later = file('outputs.json', JSON.stringify({ ...prodStackOutputs(), version: 99 }));
  expect(() => readStackOutputs(later)).toThrow(ValidationError);
  expect(() => readStackOutputs(later)).toThrow(
    `--outputs ${later} is invalid (1 problem):\n  - outputs.version: is not 1: this release of @qcbm/fleet reads version 1 of the stack outputs (found 99). Fix: use the release of @qcbm/fleet that deployed the stack`,
  );
});
