/**
 * What must not outlive the bench (API processes in their own process group, the bench database),
 * undone on Ctrl-C or SIGTERM too, latest first.
 */
const pending = new Set<() => Promise<void>>();

export function onInterrupt(undo: () => Promise<void>): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the API processes and dropping the bench database`);
    for (const undo of [...pending].reverse()) await undo().catch((error) => console.error(error));
    process.exit(130);
  });
}
