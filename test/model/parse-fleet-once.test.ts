import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { type Fleet, type FleetFields, FLEET_CONFIG_KEY, parseFleet } from '../../src/model';
import * as parseInputModule from '../../src/model/parse-input';
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

  test('only parseFleet makes a Fleet: a hand-written or changed one is FleetFields until parsed', () => {
    const fleet = parseFleet(rawFleet());
    const fields: FleetFields = { ...fleet, name: 'renamed' };
    const takesFleet = (f: Fleet) => f.name;
    // @ts-expect-error a FleetFields has not been through parseFleet
    expect(takesFleet(fields)).toBe('renamed');
    expect(takesFleet(parseFleet(fields))).toBe('renamed');
  });
});
