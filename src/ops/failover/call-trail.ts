/** One API call the runbook made. */
export interface ApiCallRecord {
  readonly action: string;
  /** The region it was sent to. */
  readonly region: string;
  /** Tencent's id of the request; '' where nothing answered. */
  readonly requestId: string;
  /** It changed something (a write), as opposed to reading. */
  readonly write: boolean;
}

/** Logs every call as one line (action, region, request id, what it found) and keeps the list. */
export class CallTrail {
  public readonly calls: ApiCallRecord[] = [];

  constructor(private readonly log: (line: string) => void) {}

  /** Keeps the call; logs it unless `quiet` (a poll that found nothing new). */
  public record(call: ApiCallRecord, outcome: string, quiet = false): void {
    this.calls.push(call);
    if (quiet) return;
    const request = call.requestId ? `request ${call.requestId}` : 'no answer';
    this.log(`${call.action} in ${call.region} (${request}): ${outcome}`);
  }
}
