// The Pulumi program named in Pulumi.yaml: one program for every environment, driven by Pulumi.<stack>.yaml.
import { qcbmProgram } from '../src/cloud/program/qcbm-program';

export = qcbmProgram();
