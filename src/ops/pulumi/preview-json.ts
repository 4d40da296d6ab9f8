// What `pulumi preview --json` prints, as far as this package reads it. The CLI prints one JSON document when the
// preview ends: Pulumi's `display.PreviewDigest` (sdk/go/common/display/types.go, rendered by ShowPreviewDigest in
// pkg/backend/display/json.go). Only the fields read here are mirrored; the steps' `oldState` and `newState` (the
// inputs and outputs, secrets shown as "[secret]") and `config` are left unread on purpose.
import { UserError } from '../../model/user-error';

/**
 * The kinds of step the engine plans (`display.StepOp`): `same`, `create`, `update`, `delete`, `replace`,
 * `create-replacement`, `delete-replaced`, `read`, `read-replacement`, `refresh`, `discard`, `discard-replaced`,
 * `remove-pending-replace`, `import`, `import-replacement`. A string: a later CLI may print others.
 */
export type PreviewOp = string;

/** One step of the preview (`display.PreviewStep`). */
export interface PreviewStep {
  /** What the engine would do to the resource (`op`). */
  readonly op: PreviewOp;
  /** The resource (`urn`). */
  readonly urn: string;
  /** The properties that force the replacement, for replacement steps (`replaceReasons`). */
  readonly replaceReasons?: readonly string[];
  /** The properties that differ, for updating steps (`diffReasons`). */
  readonly diffReasons?: readonly string[];
}

/** A warning or error the preview reported (`display.PreviewDiagnostic`). */
export interface PreviewDiagnostic {
  /** `error`, `warning`, `info`, `info#err` (`diag.Severity`). */
  readonly severity?: string;
  readonly message: string;
  /** The resource it is about, when it is about one. */
  readonly urn?: string;
}

/**
 * A preview as `pulumi preview --json` prints it. Steps of unchanged resources (`same`) are left out unless the
 * CLI is given `--show-sames`, and those a replacement is made of (`create-replacement`, `delete-replaced`) unless
 * given `--show-replacement-steps`: a replaced resource shows as one `replace` step. The stack itself always has
 * a step.
 */
export interface PulumiPreview {
  /** Every step the preview shows, in the engine's order (`steps`; empty where the document has none). */
  readonly steps: readonly PreviewStep[];
  /** How many resources each op concerns, unchanged ones included (`changeSummary`, e.g. `{ same: 80, update: 3 }`). */
  readonly changeSummary: Readonly<Record<PreviewOp, number>>;
  /** Warnings and errors, without debug messages (`diagnostics`). */
  readonly diagnostics: readonly PreviewDiagnostic[];
}

/**
 * Reads the JSON document `pulumi preview --json` printed. What is wrong is named by its place in the document,
 * never by its value (stdout can hold the stack's configuration).
 * @param what the command, for messages: `pulumi preview --stack prod --json`
 * @throws UserError where the text is not JSON, or not a preview's
 */
export function parsePulumiPreview(text: string, what: string): PulumiPreview {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: V8 quotes the text around the error, which can be a secret of the stack.
    throw new UserError(
      text.trim() === ''
        ? `${what} printed nothing on stdout`
        : `${what} printed ${Buffer.byteLength(text)} bytes on stdout that are not a JSON document`,
      'run it by hand in the Pulumi project to see what it prints: Pulumi CLI 3.x prints one JSON document there (its messages go to stderr)',
    );
  }
  const wrong = (where: string, expected: string) =>
    new UserError(
      `${what} printed JSON that is not a preview: ${where} is not ${expected}`,
      'use Pulumi CLI 3.x, whose --json prints the preview digest (steps, changeSummary, diagnostics)',
    );
  if (!isObject(json)) throw wrong('the document', 'an object');
  return {
    steps: arrayAt(json, 'steps', wrong).map((step, i) => stepOf(step, `steps[${i}]`, wrong)),
    changeSummary: countsOf(json.changeSummary, wrong),
    diagnostics: arrayAt(json, 'diagnostics', wrong).map((d, i) =>
      diagnosticOf(d, `diagnostics[${i}]`, wrong),
    ),
  };
}

type Wrong = (where: string, expected: string) => UserError;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An array the digest leaves out when empty (`omitempty`). */
function arrayAt(json: Record<string, unknown>, key: string, wrong: Wrong): unknown[] {
  const value = json[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrong(key, 'an array');
  return value;
}

function stepOf(value: unknown, where: string, wrong: Wrong): PreviewStep {
  if (!isObject(value)) throw wrong(where, 'an object');
  if (typeof value.op !== 'string') throw wrong(`${where}.op`, 'a string');
  if (typeof value.urn !== 'string') throw wrong(`${where}.urn`, 'a string');
  const replaceReasons = stringsAt(value, 'replaceReasons', where, wrong);
  const diffReasons = stringsAt(value, 'diffReasons', where, wrong);
  return {
    op: value.op,
    urn: value.urn,
    ...(replaceReasons ? { replaceReasons } : {}),
    ...(diffReasons ? { diffReasons } : {}),
  };
}

function stringsAt(
  value: Record<string, unknown>,
  key: string,
  where: string,
  wrong: Wrong,
): string[] | undefined {
  const list = value[key];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw wrong(`${where}.${key}`, 'an array of strings');
  }
  return list as string[];
}

function countsOf(value: unknown, wrong: Wrong): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw wrong('changeSummary', 'an object');
  for (const [op, count] of Object.entries(value)) {
    if (typeof count !== 'number') throw wrong(`changeSummary.${op}`, 'a number');
  }
  return { ...(value as Record<string, number>) };
}

function diagnosticOf(value: unknown, where: string, wrong: Wrong): PreviewDiagnostic {
  if (!isObject(value)) throw wrong(where, 'an object');
  const { severity, message, urn } = value;
  if (message !== undefined && typeof message !== 'string') throw wrong(`${where}.message`, 'a string');
  return {
    message: message ?? '',
    ...(typeof severity === 'string' ? { severity } : {}),
    ...(typeof urn === 'string' && urn !== '' ? { urn } : {}),
  };
}
