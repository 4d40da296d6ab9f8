import { Yaml } from 'cdk8s';
import { stringifyDocuments } from '../../../src/k8s/yaml/fast-yaml';

// The emitter decides from the first character and the dots of a plain string whether the YAML 1.1 resolution
// could read it as something else: every short string shows whether that holds.
describe('plain strings as cdk8s writes them', () => {
  test('every string of up to two letters, digits and _./- characters, and each after a letter, as yaml writes it', () => {
    const chars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-'];
    const strings = [...chars, ...chars.flatMap((a) => chars.map((b) => a + b))];
    strings.push(
      ...chars.flatMap((a) => ['5', '+5', '-5', '_5', 'ull', 'rue', 'alse', 'es', 'ff'].map((b) => a + b)),
    );
    // Dots: numbers have one at most, addresses and versions more.
    strings.push(
      ...['1.2', '1.2.3', '.1.', '1..', '..', '10.0.1.20', '1.2e3', '1.2.3e4', '+1.5', '-.5', '1_0.5'],
    );
    const docs = strings.map((s) => ({ [s]: s }));
    expect(docs.length).toBeGreaterThan(4000);
    expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
  });
});
