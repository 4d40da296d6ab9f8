import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { ValidationError } from '../../model/validation-error';
import { ManifestValidator } from './manifest-validator';

/**
 * A chart whose objects are checked as the API server that receives them checks them (schemas, names, labels,
 * ports, selectors; Clusternet's kinds against their CRDs' structure) each time it is synthesized: for objects
 * that go to the hub rather than to a member cluster, which `MultiClusterApp` checks.
 */
export class ValidatedChart extends Chart {
  constructor(scope: Construct, id: string, props?: ChartProps) {
    super(scope, id, props);
  }

  /** @throws ValidationError naming the chart, each object and the JSON pointer of what is wrong */
  public override toJson(): unknown[] {
    const objects = super.toJson();
    const issues = new ManifestValidator().issuesAt(`chart "${this.node.id}"`, objects);
    if (issues.length > 0) throw new ValidationError(`chart "${this.node.id}"`, issues);
    return objects;
  }
}
