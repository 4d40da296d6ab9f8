import { intIn } from './fields';

/**
 * Clusternet override priorities (`spec.priority` of Localizations and Globalizations). The field is an int32
 * with omitempty and the CRD defaults it to 500, so 0 is lost on the hub and becomes 500; Dividing scheduling
 * writes its own Localizations at 1000.
 */
export const OVERRIDE_PRIORITY = {
  min: 1,
  max: 1000,
  default: 500,
  /** The highest a generated or user override should use: 1000 belongs to Dividing scheduling. */
  maxUser: 999,
  /** Per-cluster Globalizations are generated this far above the fleet-wide ones, so they win. */
  perClusterBand: 100,
} as const;

/** The highest first priority of generated overrides that leaves room for the per-cluster band. */
export const MAX_BASE_PRIORITY = OVERRIDE_PRIORITY.maxUser - OVERRIDE_PRIORITY.perClusterBand;

/** A Localization's or Globalization's priority. */
export const overridePriority = intIn(
  OVERRIDE_PRIORITY.min,
  OVERRIDE_PRIORITY.max,
  'an integer',
  `use ${OVERRIDE_PRIORITY.min} to ${OVERRIDE_PRIORITY.maxUser}: 0 is lost on the hub (it becomes ${OVERRIDE_PRIORITY.default}) and ${OVERRIDE_PRIORITY.max} belongs to Dividing scheduling`,
);

/** The first priority of generated overrides (fleet `distribution.basePriority`, MultiClusterApp `basePriority`). */
export const basePriority = intIn(
  OVERRIDE_PRIORITY.min,
  MAX_BASE_PRIORITY,
  'an integer',
  `use ${OVERRIDE_PRIORITY.min} to ${MAX_BASE_PRIORITY}: generated overrides count up from it, and per-cluster ones sit ${OVERRIDE_PRIORITY.perClusterBand} above, below ${OVERRIDE_PRIORITY.max}`,
);
