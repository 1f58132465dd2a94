/**
 * What a bench started, stopped in reverse order at the end, also on Ctrl-C or SIGTERM: databases,
 * streams, child processes. `cleanup()` runs them once; a failing step is logged and the rest still run.
 */
export function cleanupsOnExit(log: (message: string) => void): {
  cleanups: (() => Promise<void>)[];
  cleanup: () => Promise<void>;
} {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse().splice(0)) await c().catch((e: Error) => log(`cleanup: ${e.message}`));
  };
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return { cleanups, cleanup };
}
