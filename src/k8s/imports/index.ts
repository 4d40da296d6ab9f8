// Namespaces for the classes `cdk8s import` generated (see cdk8s.yaml); not generated itself.
export * as subscriptions from './clusternet-subscriptions-apps.clusternet.io';
export * as localizations from './clusternet-localizations-apps.clusternet.io';
export * as globalizations from './clusternet-globalizations-apps.clusternet.io';
