// The QCBM policy pack: `pulumi up --policy-pack policy/` (or `pulumi preview --policy-pack policy/`).
import { resolve } from 'path';
import { PolicyPack } from '@pulumi/policy';
import { QCBM_HARDENING_OPTIONS } from '../src/policy/kubernetes-hardening';
import { qcbmPolicies } from './policies';
import { stackFileExemptions } from './stack-exemptions';

// The project this pack sits in: its stack files hold each stack's fleet, exemptions included.
const projectDir = resolve(__dirname, '..');

new PolicyPack('qcbm', { policies: qcbmPolicies(QCBM_HARDENING_OPTIONS, stackFileExemptions(projectDir)) });
