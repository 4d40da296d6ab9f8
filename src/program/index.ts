// The Pulumi program named in Pulumi.yaml: one program for every environment, driven by Pulumi.<stack>.yaml.
// It reads the stack's config and secrets, checks them before anything is registered, and builds the
// environment. `npm run plan` runs this same file under mocks.
import * as pulumi from '@pulumi/pulumi';
import { checkStackConfig, QcbmEnvironment } from '../cloud';
import {
  CONFIG_NAMESPACE,
  ENVIRONMENT_NAME,
  FLEET_CONFIG_KEY,
  FLEET_CONFIG_NAME,
  parseFleet,
  STACK_CONFIG_NAMES,
  ValidationError,
} from '../model';

const config = new pulumi.Config(CONFIG_NAMESPACE);
const tencentcloud = new pulumi.Config('tencentcloud');
const stack = pulumi.getStack();

function readEnvironmentArgs() {
  const fleet = parseFleet(
    config.requireObject(FLEET_CONFIG_NAME),
    `Pulumi.${stack}.yaml ${FLEET_CONFIG_KEY}`,
  );
  const secrets = {
    hubKubeconfig: config.getSecret(STACK_CONFIG_NAMES.hubKubeconfig),
    kubeconfigs: config.getSecretObject<Record<string, string>>(STACK_CONFIG_NAMES.kubeconfigs),
    mysqlPassword: config.getSecret(STACK_CONFIG_NAMES.mysqlPassword),
    redisPassword: config.getSecret(STACK_CONFIG_NAMES.redisPassword),
    tlsCertificate: config.getSecret(STACK_CONFIG_NAMES.tlsCertificate),
    tlsPrivateKey: config.getSecret(STACK_CONFIG_NAMES.tlsPrivateKey),
    skywalkingToken: config.getSecret(STACK_CONFIG_NAMES.skywalkingToken),
  };
  const registryUsername = config.getSecret(STACK_CONFIG_NAMES.registryUsername);
  const registryPassword = config.getSecret(STACK_CONFIG_NAMES.registryPassword);
  checkStackConfig(
    fleet,
    {
      ...secrets,
      kubeconfigs: config.getObject(STACK_CONFIG_NAMES.kubeconfigs),
      registryUsername,
      registryPassword,
      apiAllowedCidrs: config.get(STACK_CONFIG_NAMES.apiAllowedCidrs),
    },
    stack,
  );
  return {
    fleet,
    ...secrets,
    ...(registryUsername && registryPassword
      ? {
          registryCredentials: pulumi
            .all([registryUsername, registryPassword])
            .apply(([username, password]) => ({ username, password })),
        }
      : {}),
    nacosPassword: config.getSecret(STACK_CONFIG_NAMES.nacosPassword),
    tencentcloud: { secretId: tencentcloud.get('secretId'), secretKey: tencentcloud.getSecret('secretKey') },
  };
}

/** Pulumi prints a RunError as its message alone: a user error reads as the one block it is, with no trace. */
function userErrorsAsRunErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    throw ValidationError.isValidationError(e)
      ? Object.assign(new pulumi.RunError(e.message), { cause: e })
      : e;
  }
}

const args = userErrorsAsRunErrors(readEnvironmentArgs);
const env = userErrorsAsRunErrors(() => new QcbmEnvironment(ENVIRONMENT_NAME, args));

/**
 * The stack outputs, as the environment builds them (`StackOutputs`, src/model/stack-outputs.ts): `qcbm-fleet drill`
 * and `failover` read them back from `pulumi stack output --json [--show-secrets]`. Only `kubeconfigs` is secret.
 */
export = env.outputs;
