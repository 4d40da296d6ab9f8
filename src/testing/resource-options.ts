import * as pulumi from '@pulumi/pulumi';

/** The resource options a plan shows: those that decide what `pulumi up` does to existing resources. */
export interface PlannedOptions {
  /** Removing it from the program forgets it; the cloud keeps it. */
  readonly retainOnDelete?: true;
  /** The id of an existing resource adopted (`import`). */
  readonly import?: string;
  readonly ignoreChanges?: readonly string[];
  readonly replaceOnChanges?: readonly string[];
}

/** The parts of the engine's RegisterResourceRequest read here. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getImportid(): string;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
}

type Monitor = { registerResource: (req: RegisterRequest, callback: unknown) => unknown };

/**
 * Records the options of every resource the program registers from now on, by `type::name`, by wrapping the
 * monitor `setMocks` installed (the mocks themselves see only the inputs and the import id).
 */
export function recordResourceOptions(): Map<string, PlannedOptions> {
  const recorded = new Map<string, PlannedOptions>();
  const monitor = pulumi.runtime.getMonitor() as Monitor | undefined;
  if (!monitor || typeof monitor.registerResource !== 'function') return recorded;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const options: PlannedOptions = {
      ...(req.getRetainondelete() ? { retainOnDelete: true as const } : {}),
      ...(req.getImportid() ? { import: req.getImportid() } : {}),
      ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
      ...(req.getReplaceonchangesList().length > 0
        ? { replaceOnChanges: req.getReplaceonchangesList() }
        : {}),
    };
    if (Object.keys(options).length > 0) recorded.set(`${req.getType()}::${req.getName()}`, options);
    return register(req, callback);
  };
  return recorded;
}
