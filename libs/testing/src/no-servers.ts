import { Socket } from 'node:net';

/**
 * Servers a unit test must not need (README, "Tests"). A spec under a project's `src/` that talks to
 * Postgres or NATS belongs under its `test/` folder, in the integration project: the unit project
 * promises tests that pass with no server running.
 */
export const SERVER_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'Postgres'],
  [4222, 'NATS'],
]);

export interface ServerGuard {
  /** The refused connections since the last call, emptied. */
  take(): string[];
  restore(): void;
}

let installed: ServerGuard | undefined;

/** The guard the unit project's Jest setup installed in this test file, if any. */
export function installedServerGuard(): ServerGuard | undefined {
  return installed;
}

/**
 * Refuses (throws) every socket connection to one of `ports`, and records it so that the test fails
 * even when the client swallows the error and retries. Patches net.Socket#connect, through which pg,
 * @nats-io/transport-node and fetch all connect.
 */
export function installServerGuard(ports: ReadonlyMap<number, string> = SERVER_PORTS): ServerGuard {
  const original = Socket.prototype.connect;
  const refused: string[] = [];
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    const port = portOf(args);
    const server = port === undefined ? undefined : ports.get(port);
    if (server !== undefined) {
      const message =
        `a unit test connected to ${server} (port ${port}): move it under its project's test/ folder ` +
        `(integration project), or keep it pure`;
      refused.push(message);
      throw new Error(message);
    }
    return (original as (...a: unknown[]) => Socket).apply(this, args);
  };
  const guard: ServerGuard = {
    take: () => refused.splice(0),
    restore: () => {
      Socket.prototype.connect = original;
      if (installed === guard) installed = undefined;
    },
  };
  installed = guard;
  return guard;
}

/** The port of Socket#connect's arguments: (port, host), (options), net.connect's normalized [options], or a Unix socket path. */
function portOf(args: unknown[]): number | undefined {
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const options =
    typeof first === 'object' && first !== null ? (first as { port?: unknown; path?: unknown }) : undefined;
  const raw = options ? (options.port ?? options.path) : first;
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  // Postgres over a Unix socket: <dir>/.s.PGSQL.<port>
  const socket = /\.s\.PGSQL\.(\d+)$/.exec(raw);
  return socket ? Number(socket[1]) : undefined;
}
