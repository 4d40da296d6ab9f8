import { type LabelSelectorSpec, selectorMatches } from '../../../src/k8s/clusternet/label-selector';

const GZ = { region: 'ap-guangzhou', tier: 'prod', 'clusters.clusternet.io/cluster-id': 'abc' };
const SH = { region: 'ap-shanghai', tier: 'dr' };
const BARE = {};

/** Which of the three sample clusters a selector picks. */
function picks(selector: LabelSelectorSpec | undefined): string[] {
  return Object.entries({ GZ, SH, BARE })
    .filter(([, labels]) => selectorMatches(selector, labels))
    .map(([name]) => name);
}

describe('empty selectors', () => {
  test('an undefined selector matches every cluster', () => {
    expect(picks(undefined)).toEqual(['GZ', 'SH', 'BARE']);
  });

  test('{} matches every cluster, as in Kubernetes', () => {
    expect(picks({})).toEqual(['GZ', 'SH', 'BARE']);
  });

  test('empty matchLabels and matchExpressions match every cluster', () => {
    expect(picks({ matchLabels: {}, matchExpressions: [] })).toEqual(['GZ', 'SH', 'BARE']);
  });
});

describe('matchLabels', () => {
  test('one label must be present with the exact value', () => {
    expect(picks({ matchLabels: { region: 'ap-guangzhou' } })).toEqual(['GZ']);
  });

  test('every label must match (AND)', () => {
    expect(picks({ matchLabels: { region: 'ap-guangzhou', tier: 'prod' } })).toEqual(['GZ']);
    expect(picks({ matchLabels: { region: 'ap-guangzhou', tier: 'dr' } })).toEqual([]);
  });

  test('values are compared exactly (case-sensitive, no prefix match)', () => {
    expect(picks({ matchLabels: { region: 'AP-GUANGZHOU' } })).toEqual([]);
    expect(picks({ matchLabels: { region: 'ap-guang' } })).toEqual([]);
  });

  test('an empty value matches only a label that is present and empty', () => {
    expect(selectorMatches({ matchLabels: { x: '' } }, { x: '' })).toBe(true);
    expect(selectorMatches({ matchLabels: { x: '' } }, {})).toBe(false);
  });

  test('a prefixed key such as the Clusternet cluster-id label', () => {
    expect(picks({ matchLabels: { 'clusters.clusternet.io/cluster-id': 'abc' } })).toEqual(['GZ']);
  });
});

describe('matchExpressions', () => {
  test('In: the label is present with one of the values', () => {
    const selector: LabelSelectorSpec = {
      matchExpressions: [{ key: 'region', operator: 'In', values: ['ap-shanghai', 'ap-beijing'] }],
    };
    expect(picks(selector)).toEqual(['SH']);
  });

  test('In with several matching values', () => {
    const selector: LabelSelectorSpec = {
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod', 'dr'] }],
    };
    expect(picks(selector)).toEqual(['GZ', 'SH']);
  });

  test('In never matches a cluster without the label', () => {
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod'] }] }, {}),
    ).toBe(false);
  });

  test('NotIn: the label is absent or has none of the values', () => {
    const selector: LabelSelectorSpec = {
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['dr'] }],
    };
    expect(picks(selector)).toEqual(['GZ', 'BARE']);
  });

  test('Exists: the label is present, whatever its value', () => {
    expect(picks({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual(['GZ', 'SH']);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { x: '' })).toBe(true);
  });

  test('DoesNotExist: the label is absent', () => {
    expect(picks({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })).toEqual(['BARE']);
  });

  test('a label inherited from Object.prototype does not count as present', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'DoesNotExist' }] }, {})).toBe(
      true,
    );
  });

  test('every expression must hold (AND)', () => {
    const selector: LabelSelectorSpec = {
      matchExpressions: [
        { key: 'region', operator: 'Exists' },
        { key: 'tier', operator: 'NotIn', values: ['prod'] },
      ],
    };
    expect(picks(selector)).toEqual(['SH']);
  });

  test('matchLabels and matchExpressions combine with AND', () => {
    const selector: LabelSelectorSpec = {
      matchLabels: { region: 'ap-guangzhou' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['dr'] }],
    };
    expect(picks(selector)).toEqual([]);
    expect(
      picks({
        matchLabels: { region: 'ap-guangzhou' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod'] }],
      }),
    ).toEqual(['GZ']);
  });
});
