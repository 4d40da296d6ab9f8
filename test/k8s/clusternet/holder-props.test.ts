import { ApiObject, Testing } from 'cdk8s';
import { Feed, Localization, Override } from '../../../src/k8s';
import { thrownBy } from '../../support/thrown';

// Holders skip zod for props whose every field holds a value accepted before: one new value is checked in full.
describe('Localization props', () => {
  test('props like accepted ones but for one field are checked in full', () => {
    const chart = Testing.chart();
    const config = new ApiObject(chart, 'Config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'qcbm-env', namespace: 'qcbm' },
    });
    const props = (priority: number, hubNamespace = 'clusternet-bbg66') => ({
      name: 'same',
      hubNamespace,
      feed: Feed.of(config),
      priority,
      overrides: [Override.mergePatch({ data: { A: '1' } })],
    });
    expect(new Localization(chart, 'First', props(300)).priority).toBe(300);
    expect(new Localization(chart, 'Second', props(300)).priority).toBe(300);
    expect(() => new Localization(chart, 'Third', props(0))).toThrow(/props\.priority: must be an integer/);
    const both = (thrownBy(() => new Localization(chart, 'Fourth', props(0, 'Bad_Namespace'))) as Error)
      .message;
    expect(both).toMatch(/^Localization 'Fourth' is invalid \(2 problems\)/);
    expect(both).toMatch(/props\.priority[^]*props\.hubNamespace/);
  });
});
