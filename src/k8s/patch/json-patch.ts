import type { JsonPatchOperation } from '../../model/fleet-schema';
import { cloneJson, isContainer, type Json, type JsonContainer } from './json-value';
import { type IndexToken, parseIndexToken } from './index-token';
import { unescapePointerToken } from './json-pointer';

export type { JsonPatchOperation };

/**
 * What the hub does with an override it cannot apply. Clusternet applies overrides with evanphx/json-patch
 * v5.7.0 (root package): an error that wraps ErrMissing makes it skip the whole override without a word; any
 * other error blocks the cluster's whole deployment (event FailedApplyingOverrides, previous version kept).
 */
export type PatchOutcome = 'skipped' | 'blocked';

/** The hub cannot apply an operation: `outcome` says what it does instead. */
export class PatchApplyError extends Error {
  constructor(
    public readonly outcome: PatchOutcome,
    public readonly opIndex: number,
    public readonly operation: unknown,
    public readonly reason: string,
    /** What to change, where it is not the operation itself (the patch as a whole). */
    public readonly fix?: string,
  ) {
    super(`operation ${opIndex} (${describeOperation(operation)}): ${reason}`);
    this.name = 'PatchApplyError';
  }
}

/** The leniencies of the hub's library that RFC 6902 forbids; each operation relying on one is reported. */
export type Leniency =
  | 'replace-adds-key'
  | 'negative-index'
  | 'non-canonical-index'
  | 'test-missing-is-null'
  | 'missing-value-is-null'
  | 'copy-from-missing-is-null'
  | 'path-without-leading-slash'
  | 'replace-root-with-scalar'
  | 'merge-drops-null-in-array';

/** An operation the hub applies only through a leniency, with what it does. */
export interface PatchLeniency {
  readonly opIndex: number;
  readonly operation: unknown;
  readonly leniency: Leniency;
  /** What the hub does, e.g. `adds the missing key /data/X`. */
  readonly note: string;
}

export interface PatchResult<T> {
  /** The document as the hub would have it. */
  readonly doc: T;
  /** Operations that applied only through a leniency RFC 6902 forbids. */
  readonly leniencies: readonly PatchLeniency[];
}

/** Clusternet refuses a JSON patch with more operations than this (localizer patch.go). */
export const MAX_PATCH_OPERATIONS = 10000;

/** Thrown inside the engine; turned into PatchApplyError with the operation's index. */
class Failure {
  constructor(
    public readonly outcome: PatchOutcome,
    public readonly reason: string,
  ) {}
}
const skipped = (reason: string) => new Failure('skipped', reason);
const blocked = (reason: string) => new Failure('blocked', reason);
const PANIC = "the hub's patch library dereferences nil on it (a panic in the hub's override worker)";

/**
 * Applies RFC 6902 operations to a copy of `doc` the way the Clusternet hub does (evanphx/json-patch v5.7.0,
 * root package, negative indices on) and returns the copy with every leniency it relied on. `doc` is never
 * changed. Operations are read as the hub reads them: a JSON round trip of what is given.
 * @throws PatchApplyError when the hub would skip the override or block the cluster
 */
export function applyJsonPatch<T>(doc: T, operations: readonly unknown[]): PatchResult<T> {
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw new PatchApplyError(
      'blocked',
      MAX_PATCH_OPERATIONS,
      operations[MAX_PATCH_OPERATIONS],
      `the hub allows at most ${MAX_PATCH_OPERATIONS} operations in one patch, this one has ${operations.length}`,
      `split the operations into patches of at most ${MAX_PATCH_OPERATIONS} each, or use a MergePatch`,
    );
  }
  const state: PatchState = { root: cloneJson(doc) as Json, leniencies: [] };
  if (!isContainer(state.root)) {
    throw new PatchApplyError('blocked', 0, operations[0], 'the document is not a JSON object or array');
  }
  const ops = cloneJson(operations) as unknown[];
  ops.forEach((op, opIndex) => {
    try {
      applyOne(state, asOperation(op), (leniency, note) =>
        state.leniencies.push({ opIndex, operation: op, leniency, note }),
      );
    } catch (e) {
      if (e instanceof Failure) throw new PatchApplyError(e.outcome, opIndex, op, e.reason);
      throw e;
    }
  });
  return { doc: state.root as T, leniencies: state.leniencies };
}

interface PatchState {
  root: Json;
  readonly leniencies: PatchLeniency[];
}

type Report = (leniency: Leniency, note: string) => void;

interface Operation {
  readonly op: unknown;
  readonly path: string | undefined;
  readonly from: string | undefined;
  /** Absent (undefined) and JSON null differ: the hub tells them apart in `test` and `replace ""`. */
  readonly value: Json | undefined;
}

function asOperation(op: unknown): Operation {
  const o = (typeof op === 'object' && op !== null ? op : {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { op: o.op, path: text(o.path), from: text(o.from), value: o.value };
}

function applyOne(state: PatchState, op: Operation, report: Report): void {
  switch (op.op) {
    case 'add':
      return add(state, required(op.path, 'path'), valueOf(op, report), report);
    case 'remove':
      remove(state, required(op.path, 'path'), report);
      return;
    case 'replace':
      return replace(state, op, report);
    case 'move': {
      const from = required(op.from, 'from');
      const at = locate(state, from, report);
      const moved = getChild(at, report, 'blocked');
      removeChild(at, report);
      return add(state, required(op.path, 'path'), moved ?? null, report);
    }
    case 'copy': {
      const at = locate(state, required(op.from, 'from'), report);
      const copied = getChild(at, report, 'blocked');
      if (copied === undefined && !hasMember(at)) {
        report('copy-from-missing-is-null', `copies null from the missing ${at.pointer}`);
      }
      return add(state, required(op.path, 'path'), copied === undefined ? null : cloneJson(copied), report);
    }
    case 'test':
      return test(state, op, report);
    default:
      throw blocked(
        `unknown op ${JSON.stringify(op.op)}; the hub accepts add, remove, replace, move, copy and test`,
      );
  }
}

/** A missing path or from: the hub reads it as ErrMissing. */
function required(pointer: string | undefined, field: 'path' | 'from'): string {
  if (pointer === undefined) throw skipped(`the operation has no "${field}" string`);
  return pointer;
}

function valueOf(op: Operation, report: Report): Json {
  if (op.value !== undefined) return op.value;
  report('missing-value-is-null', 'has no "value"; the hub uses null');
  return null;
}

/** The container a pointer's last token is looked up in, and that token (evanphx findObject). */
interface Location {
  readonly container: JsonContainer;
  readonly key: string;
  readonly pointer: string;
}

function locate(state: PatchState, pointer: string, report: Report): Location {
  const tokens = pointer.split('/');
  if (tokens.length < 2) throw skipped(`${JSON.stringify(pointer)} does not exist in the document`);
  if (tokens[0] !== '') {
    report(
      'path-without-leading-slash',
      `path ${JSON.stringify(pointer)} has no leading "/": the hub drops its first segment and uses /${tokens.slice(1).join('/')}`,
    );
  }
  let node = state.root as JsonContainer;
  for (let i = 1; i < tokens.length - 1; i++) {
    const next = lookup(node, unescapePointerToken(tokens[i]), tokens.slice(0, i + 1).join('/'), report);
    if (next === undefined || next === null || !isContainer(next)) {
      throw skipped(`${tokens.slice(0, i + 1).join('/')} is missing or not an object or array`);
    }
    node = next;
  }
  return { container: node, key: unescapePointerToken(tokens[tokens.length - 1]), pointer };
}

/** A child while walking a path: anything that cannot be found is simply absent. */
function lookup(node: JsonContainer, key: string, pointer: string, report: Report): Json | undefined {
  if (!Array.isArray(node)) return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  const index = parseIndexToken(key, node.length, 'existing');
  if (!index.ok) return undefined;
  reportIndex(index, key, pointer, node.length, 'existing', report);
  return node[index.index];
}

function reportIndex(
  index: Extract<IndexToken, { ok: true }>,
  token: string,
  pointer: string,
  length: number,
  use: 'existing' | 'insert',
  report: Report,
): void {
  if (index.negative) {
    const appends = use === 'insert' && index.index === length ? ' (it appends)' : '';
    report(
      'negative-index',
      `index ${token} of ${pointer} counts from the end: the hub uses ${use === 'insert' ? 'position' : 'index'} ${index.index} of ${length}${appends}`,
    );
  } else if (index.nonCanonical) {
    report('non-canonical-index', `index ${JSON.stringify(token)} of ${pointer} is read as ${index.index}`);
  }
}

/**
 * The value at a location for move, copy and test: a bad array index is an error (`onBadIndex`); an absent or
 * null object member reads as absent, as the hub's nil.
 */
function getChild(at: Location, report: Report, onBadIndex: PatchOutcome): Json | undefined {
  const { container, key } = at;
  if (!Array.isArray(container)) {
    const value = Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
    return value === null ? undefined : value;
  }
  const index = arrayIndex(at, 'existing', report, onBadIndex);
  const value = container[index];
  return value === null ? undefined : value;
}

/** True when the location names a present member (possibly null); array locations were checked already. */
function hasMember(at: Location): boolean {
  return Array.isArray(at.container) || Object.prototype.hasOwnProperty.call(at.container, at.key);
}

function arrayIndex(at: Location, use: 'existing' | 'insert', report: Report, onBad: PatchOutcome): number {
  const container = at.container as Json[];
  const index: IndexToken = parseIndexToken(at.key, container.length, use);
  if (!index.ok) throw new Failure(onBad, `${at.pointer}: ${index.reason}`);
  reportIndex(index, at.key, at.pointer, container.length, use, report);
  return index.index;
}

function add(state: PatchState, pointer: string, value: Json, report: Report): void {
  const at = locate(state, pointer, report);
  if (Array.isArray(at.container)) {
    if (at.key === '-') {
      at.container.push(value);
      return;
    }
    at.container.splice(arrayIndex(at, 'insert', report, 'blocked'), 0, value);
    return;
  }
  at.container[at.key] = value;
}

function remove(state: PatchState, pointer: string, report: Report): void {
  removeChild(locate(state, pointer, report), report);
}

function removeChild(at: Location, report: Report): void {
  if (Array.isArray(at.container)) {
    at.container.splice(arrayIndex(at, 'existing', report, 'blocked'), 1);
    return;
  }
  if (!Object.prototype.hasOwnProperty.call(at.container, at.key)) {
    throw skipped(`${at.pointer} does not exist`);
  }
  delete at.container[at.key];
}

function replace(state: PatchState, op: Operation, report: Report): void {
  const pointer = required(op.path, 'path');
  if (pointer === '') {
    if (op.value === undefined) throw blocked(`replacing the whole document without "value": ${PANIC}`);
    if (isContainer(op.value)) {
      state.root = op.value;
      return;
    }
    report(
      'replace-root-with-scalar',
      'replaces the whole document with a non-object: the hub leaves it unchanged',
    );
    return;
  }
  const at = locate(state, pointer, report);
  if (Array.isArray(at.container)) {
    at.container[arrayIndex(at, 'existing', report, 'skipped')] = valueOf(op, report);
    return;
  }
  if (!Object.prototype.hasOwnProperty.call(at.container, at.key)) {
    report('replace-adds-key', `replaces the missing key ${pointer}: the hub adds it`);
  }
  at.container[at.key] = valueOf(op, report);
}

function test(state: PatchState, op: Operation, report: Report): void {
  const pointer = required(op.path, 'path');
  const expected = op.value;
  if (pointer === '') {
    if (expected === undefined) throw blocked(`testing the whole document without "value": ${PANIC}`);
    if (!hubEqual(state.root, expected)) throw blocked('the whole document does not equal the test value');
    return;
  }
  const at = locate(state, pointer, report);
  const actual = getChild(at, report, 'blocked');
  if (actual === undefined) {
    if (expected === undefined || expected === null) {
      if (!hasMember(at))
        report('test-missing-is-null', `tests the missing ${pointer} against null: the hub passes it`);
      if (expected === undefined)
        report('missing-value-is-null', 'has no "value"; the hub compares with null');
      return;
    }
    throw blocked(`${pointer} is missing or null, expected ${JSON.stringify(expected)}`);
  }
  if (expected === undefined)
    throw blocked(`${pointer} is ${JSON.stringify(actual)}; the test has no "value"`);
  if (!hubEqual(actual, expected)) {
    throw blocked(`${pointer} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

/**
 * evanphx's `equal`, for a present value against the test value: scalars by their JSON text, objects by keys
 * (null members equal only null), arrays element by element, where a null element makes the library panic.
 */
function hubEqual(actual: Json, expected: Json): boolean {
  if (!isContainer(actual))
    return !isContainer(expected) && JSON.stringify(actual) === JSON.stringify(expected);
  if (Array.isArray(actual)) {
    if (!Array.isArray(expected) || actual.length !== expected.length) return false;
    return actual.every((a, i) => {
      if (a === null || expected[i] === null) throw blocked(`comparing arrays with a null element: ${PANIC}`);
      return hubEqual(a, expected[i]);
    });
  }
  if (!isContainer(expected) || Array.isArray(expected)) return false;
  const keys = Object.keys(actual);
  if (keys.length !== Object.keys(expected).length) return false;
  return keys.every((k) => {
    if (!Object.prototype.hasOwnProperty.call(expected, k)) return false;
    const [a, e] = [actual[k], expected[k]];
    if (a === null || e === null) return a === e;
    return hubEqual(a, e);
  });
}

function describeOperation(op: unknown): string {
  const o = (typeof op === 'object' && op !== null ? op : {}) as Record<string, unknown>;
  return `'${String(o.op)}' ${typeof o.path === 'string' ? o.path : '(no path)'}`;
}
