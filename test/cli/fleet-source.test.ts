import { stackSourceOf } from '../../src/cli/fleet-source';
import type { CliIo } from '../../src/cli/io';

const io = (env: Record<string, string> = {}): CliIo => ({
  out: () => undefined,
  err: () => undefined,
  cwd: '/repo',
  env,
});

describe('stackSourceOf: which stack file a command reads, and what named it', () => {
  const variables = { QCBM_FLEET_FILE: 'other/Pulumi.x.yaml', QCBM_STACK: 'staging' };

  test.each([
    ['nothing given', {}, {}, '/repo/Pulumi.dev.yaml', 'the default stack dev'],
    ['$QCBM_STACK', {}, { QCBM_STACK: 'staging' }, '/repo/Pulumi.staging.yaml', '$QCBM_STACK staging'],
    ['$QCBM_FLEET_FILE over $QCBM_STACK', {}, variables, '/repo/other/Pulumi.x.yaml', '$QCBM_FLEET_FILE'],
    ['--stack over both variables', { stack: 'prod' }, variables, '/repo/Pulumi.prod.yaml', '--stack prod'],
    ['--file over both variables', { file: '/abs/Pulumi.y.yaml' }, variables, '/abs/Pulumi.y.yaml', '--file'],
  ])('%s', (_, options, env, path, flag) => {
    expect(stackSourceOf(options, io(env))).toEqual({ path, flag });
  });

  test('--stack and --file together are a usage error', () => {
    expect(() => stackSourceOf({ stack: 'prod', file: 'x.yaml' }, io())).toThrow(
      '--stack and --file name the same thing',
    );
  });
});
