import { MAX_INPUT_FILE_BYTES, readBoundedText } from '../model/bounded-file';
import { parseStackOutputs, type PrintedStackOutputs } from '../model/stack-outputs';
import { UserError } from '../model/user-error';

/** The command that writes the file `--outputs` reads. */
const WRITE_OUTPUTS = 'pulumi stack output --json --show-secrets > outputs.json';

/**
 * Reads the stack outputs a command was given (`pulumi stack output --json [--show-secrets]`, the outputs of
 * `QcbmEnvironment`), checked against the one shape a stack exports (src/model/stack-outputs.ts).
 * @throws UserError for a file that cannot be read or is not JSON; ValidationError for outputs of another version
 * or shape
 */
export function readStackOutputs(path: string): PrintedStackOutputs {
  const read = readBoundedText(path, { maxBytes: MAX_INPUT_FILE_BYTES });
  if ('problem' in read) {
    const fix = read.problem.code === 'ENOENT' ? `write it with: ${WRITE_OUTPUTS}` : read.problem.fix;
    throw new UserError(`--outputs ${path} ${read.problem.message}`, fix);
  }
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (e) {
    throw new UserError(
      `--outputs ${path} is not JSON: ${(e as Error).message}`,
      `write it with: ${WRITE_OUTPUTS}`,
    );
  }
  return parseStackOutputs(json, `--outputs ${path}`, WRITE_OUTPUTS);
}
