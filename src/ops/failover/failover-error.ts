import { UserError } from '../../model/user-error';

/** The command-line flags the runbook's messages name (`qcbm-fleet failover`). */
export const FAILOVER_FLAGS = {
  /** Make the changes; without it the runbook only reads and says what it would do. */
  execute: '--execute',
  /** Promote although nothing confirms that the DR instance holds every committed write. */
  acceptDataLoss: '--accept-data-loss',
  /** The most replication lag, in seconds, to promote with. */
  maxLag: '--max-lag',
} as const;

/**
 * The runbook refused or stopped: a state of the databases the user must decide about (not in sync, primary
 * unreachable, promotion failed or still running). A `UserError`: printed as its message and fix, no trace.
 */
export class FailoverError extends UserError {
  /** What to do next. */
  declare public readonly fix: string;
  /** The id of the request or asynchronous task concerned, where there is one. */
  public readonly requestId?: string;

  constructor(message: string, fix: string, requestId?: string) {
    super(message, fix);
    this.name = 'FailoverError';
    if (requestId !== undefined) this.requestId = requestId;
  }
}
