/** A Kubernetes LabelSelector, as Clusternet uses it in `clusterAffinity`. */
export interface LabelSelectorSpec {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirementSpec[];
}

export interface LabelSelectorRequirementSpec {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** True when the labels satisfy the selector; an empty selector matches everything, as in Kubernetes. */
export function selectorMatches(
  selector: LabelSelectorSpec | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.operator) {
      case 'In':
        return has && (req.values ?? []).includes(labels[req.key]);
      case 'NotIn':
        return !has || !(req.values ?? []).includes(labels[req.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}
