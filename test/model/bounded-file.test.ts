import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import {
  MAX_STACK_FILE_BYTES,
  MAX_STACK_FILE_SIZE,
  readBoundedText,
  readStackFileText,
  stackFileProblem,
} from '../../src/model/bounded-file';
import {
  loadFleetFromStackFile,
  MAX_YAML_NESTING,
  parseFleetFromStackYaml,
} from '../../src/model/load-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import { repoPath } from '../support/repo-root';
import { validationErrorOf } from '../support/thrown';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-bounded-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes of YAML comment. */
function fileOf(size: number): string {
  const file = join(dir, `f-${size}.yaml`);
  writeFileSync(file, '#');
  truncateSync(file, size);
  return file;
}

describe('readStackFileText: a regular file of at most MAX_STACK_FILE_BYTES, read with that bound', () => {
  test('4 MiB is stated once', () => {
    expect([MAX_STACK_FILE_BYTES, MAX_STACK_FILE_SIZE]).toEqual([4 * 1024 * 1024, '4 MiB']);
  });

  test('a file of exactly the limit is read whole; one byte more is refused unread', () => {
    const read = readStackFileText(fileOf(MAX_STACK_FILE_BYTES));
    expect('text' in read && read.text.length).toBe(MAX_STACK_FILE_BYTES);
    expect(readStackFileText(fileOf(MAX_STACK_FILE_BYTES + 1))).toEqual({
      problem: {
        message: 'is larger than 4 MiB (4194305 bytes)',
        fix: 'give a stack file: a regular file (Pulumi.<stack>.yaml) of at most 4 MiB',
      },
    });
  });

  test('a FIFO is refused without blocking, /dev/zero without reading, a directory, a symlink loop', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const loop = join(dir, 'loop');
    execFileSync('ln', ['-s', loop, loop]);
    expect(stackFileProblem(fifo)?.message).toBe('is a FIFO (named pipe), not a regular file');
    expect(stackFileProblem('/dev/zero')?.message).toBe('is a character device, not a regular file');
    expect(stackFileProblem(dir)?.message).toBe('is a directory, not a regular file');
    expect(stackFileProblem(loop)).toEqual({
      message: 'cannot be read (ELOOP)',
      fix: 'correct the symbolic links on the path: they form a loop',
      code: 'ELOOP',
    });
    expect(stackFileProblem(repoPath('Pulumi.dev.yaml'))).toBeUndefined();
  });

  test('other files take their own bound, and a fix that says it', () => {
    const file = join(dir, 'ten');
    writeFileSync(file, '0123456789');
    expect(readBoundedText(file, { maxBytes: 10 })).toEqual({ text: '0123456789' });
    expect(readBoundedText(file, { maxBytes: 9 })).toEqual({
      problem: {
        message: 'is larger than 9 bytes (10 bytes)',
        fix: 'give a regular file of at most 9 bytes',
      },
    });
  });

  test('loadFleetFromStackFile reports the problem as the file issue', () => {
    const error = validationErrorOf(() => loadFleetFromStackFile('/dev/zero'));
    expect(error.message).toBe(
      '/dev/zero is invalid (1 problem):\n  - file: is a character device, not a regular file. Fix: give a stack file: a regular file (Pulumi.<stack>.yaml) of at most 4 MiB',
    );
  });
});

describe('nesting: at most MAX_YAML_NESTING levels, stated instead of a stack overflow', () => {
  /** A stack file whose fleet has a mapping `levels` deep in its description's place. */
  const nested = (levels: number, flow: boolean) => {
    let deep = 'x';
    for (let i = 0; i < levels; i++) deep = flow ? `{a: ${deep}}` : `[${deep}]`;
    return `config:\n  qcbm:fleet:\n    deep: ${deep}\n`;
  };
  const ISSUE = `file: nests mappings and lists more than ${MAX_YAML_NESTING} levels deep. Fix: nest at most ${MAX_YAML_NESTING} levels deep (a Kubernetes object needs about 20)`;

  test.each([
    ['5,000 levels: the parser would overflow', 5000],
    ['just over the limit: the parser copes, the check refuses', MAX_YAML_NESTING - 2],
  ])('%s', (_label, levels) => {
    for (const flow of [true, false]) {
      const error = validationErrorOf(() => parseFleetFromStackYaml(nested(levels, flow), 'Pulumi.x.yaml'));
      expect(error.message).toBe(`Pulumi.x.yaml is invalid (1 problem):\n  - ${ISSUE}`);
    }
  });

  test('at the limit the fleet itself is checked', () => {
    // config, qcbm:fleet, then the value: the levels nest below three mappings.
    const error = validationErrorOf(() =>
      parseFleetFromStackYaml(nested(MAX_YAML_NESTING - 3, true), 'Pulumi.x.yaml'),
    );
    expect(error.message).not.toContain('nests');
    expect(error.message).toContain('fleet: has unknown field "deep"');
  });
});

describe('numbers JSON has no word for', () => {
  test.each([
    [Infinity, '.inf (infinity)'],
    [-Infinity, '-.inf (minus infinity)'],
    [NaN, '.nan (not a number)'],
  ])('replicas %p says what was found', (replicas, found) => {
    const raw = devFleet();
    raw.app.replicas = replicas;
    const error = validationErrorOf(() => parseFleet(raw, 'fleet dev'));
    expect(error.message).toContain(
      `fleet.app.replicas: must be a finite number, not ${found}. Fix: write a number here`,
    );
  });
});

/** The dev fleet, raw, as its stack file holds it. */
function devFleet(): any {
  return parse(readFileSync(repoPath('Pulumi.dev.yaml'), 'utf8')).config['qcbm:fleet'];
}
