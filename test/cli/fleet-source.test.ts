import { stackFileOf } from '../../src/cli/fleet-source';
import type { CliIo } from '../../src/cli/io';

const io = (env: Record<string, string> = {}): CliIo => ({
  out: () => undefined,
  err: () => undefined,
  cwd: '/repo',
  env,
});

describe('stackFileOf: which stack file a command reads', () => {
  const variables = { QCBM_FLEET_FILE: 'other/Pulumi.x.yaml', QCBM_STACK: 'staging' };

  test.each([
    ['nothing given', {}, {}, '/repo/Pulumi.dev.yaml'],
    ['$QCBM_STACK', {}, { QCBM_STACK: 'staging' }, '/repo/Pulumi.staging.yaml'],
    ['$QCBM_FLEET_FILE over $QCBM_STACK', {}, variables, '/repo/other/Pulumi.x.yaml'],
    ['--stack over both variables', { stack: 'prod' }, variables, '/repo/Pulumi.prod.yaml'],
    ['--file over both variables', { file: '/abs/Pulumi.y.yaml' }, variables, '/abs/Pulumi.y.yaml'],
  ])('%s', (_, options, env, expected) => {
    expect(stackFileOf(options, io(env))).toBe(expected);
  });

  test('--stack and --file together are a usage error', () => {
    expect(() => stackFileOf({ stack: 'prod', file: 'x.yaml' }, io())).toThrow(
      '--stack and --file name the same thing',
    );
  });
});
