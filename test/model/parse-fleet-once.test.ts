import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { type Fleet, type FleetFields, FLEET_CONFIG_KEY, parseFleet } from '../../src/model';
import * as parseInputModule from '../../src/model/parse-input';
import { wideFleetInput } from '../fixtures/fleets';
import { repoPath } from '../support/repo-root';

const STACK_TEXT = readFileSync(repoPath('Pulumi.dev.yaml'), 'utf8');

/** A fresh copy of Pulumi.dev.yaml's fleet, as a new object each time (as a program's config hands it over). */
function rawFleet(): Record<string, unknown> {
  return (parse(STACK_TEXT) as { config: Record<string, Record<string, unknown>> }).config[FLEET_CONFIG_KEY];
}

describe('parseFleet checks a description once per process', () => {
  afterEach(() => jest.restoreAllMocks());

  test('the same description, read again as a new object, is not validated again: the first fleet is returned', () => {
    const first = parseFleet(rawFleet(), 'the stack file');
    const spy = jest.spyOn(parseInputModule, 'parseInput');
    const again = parseFleet(JSON.parse(JSON.stringify(rawFleet())), 'the program config');
    expect(again).toBe(first);
    expect(spy).not.toHaveBeenCalled();
  });

  test('a changed description is validated on its own', () => {
    const first = parseFleet(rawFleet());
    const changed = { ...rawFleet(), name: 'dev-two' };
    const spy = jest.spyOn(parseInputModule, 'parseInput');
    const second = parseFleet(changed);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(second).not.toBe(first);
    expect([first.name, second.name]).toEqual(['dev', 'dev-two']);
  });

  test('descriptions JSON cannot tell apart are not mixed up: a patch value of infinity, then one of null', () => {
    const withValue = (value: unknown) => {
      const raw = wideFleetInput() as any;
      raw.differences['shanghai-01'].patches[0].operations[0].value = value;
      return raw;
    };
    const valueOf = (fleet: any) => fleet.differences['shanghai-01'].patches[0].operations[0].value;
    expect(valueOf(parseFleet(withValue(Infinity)))).toBe(Infinity);
    expect(valueOf(parseFleet(withValue(null)))).toBeNull();
    expect(valueOf(parseFleet(withValue(Infinity)))).toBe(Infinity);
  });

  test('an invalid description is never remembered: it fails every time', () => {
    const bad = { ...rawFleet(), clusters: [] };
    expect(() => parseFleet(bad)).toThrow(/fleet.clusters: must have at least 1 item/);
    expect(() => parseFleet(structuredClone(bad))).toThrow(/fleet.clusters: must have at least 1 item/);
  });

  test('the fleet is frozen, so nothing can change it after its rules were checked', () => {
    const fleet = parseFleet(rawFleet());
    expect(Object.isFrozen(fleet)).toBe(true);
    expect(Object.isFrozen(fleet.clusters[0].endpoints)).toBe(true);
    expect(() => {
      (fleet.clusters as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  test("the caller's input is not frozen, and changing it afterwards does not change the fleet", () => {
    const raw = wideFleetInput() as unknown as {
      differences: Record<string, { patches?: { type: string; patch?: Record<string, unknown> }[] }>;
    };
    const fleet = parseFleet(raw);
    // Merge-patch bodies are free-form: the schema hands them through as they are.
    const bodies = Object.values(raw.differences)
      .flatMap((d) => d.patches ?? [])
      .flatMap((p) => (p.type === 'MergePatch' && p.patch ? [p.patch] : []));
    expect(bodies.length).toBeGreaterThan(0);
    const before = JSON.stringify(fleet);
    for (const body of bodies) {
      const data = body.data as Record<string, unknown>;
      expect([Object.isFrozen(body), Object.isFrozen(data)]).toEqual([false, false]);
      data.CHANGED_AFTER_PARSING = 'yes';
    }
    expect(JSON.stringify(fleet)).toBe(before);
  });

  test('only parseFleet makes a Fleet: a hand-written or changed one is FleetFields until parsed', () => {
    const fleet = parseFleet(rawFleet());
    const fields: FleetFields = { ...fleet, name: 'renamed' };
    const takesFleet = (f: Fleet) => f.name;
    // @ts-expect-error a FleetFields has not been through parseFleet
    expect(takesFleet(fields)).toBe('renamed');
    expect(takesFleet(parseFleet(fields))).toBe('renamed');
  });
});
