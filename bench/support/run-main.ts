// How every bench ends: exit 0 once its report is written (a missed target still exits 0), non-zero
// with the stack when it crashed, so `npm run bench` tells a crash from a miss.
export function runMain(bench: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: Error) => {
      console.error(`[${bench}] failed: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
}
