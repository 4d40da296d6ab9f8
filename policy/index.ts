// The QCBM policy pack: `pulumi up --policy-pack policy/` (or `pulumi preview --policy-pack policy/`).
import { PolicyPack } from '@pulumi/policy';
import { qcbmPolicies } from './policies';

new PolicyPack('qcbm', { policies: qcbmPolicies() });
