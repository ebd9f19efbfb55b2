/**
 * Work a request starts but must not wait for, because how long the reply takes would tell
 * something: a manual reminder hands its emails to the relay after the reply, so its latency does
 * not grow with the number of people who have not answered (issue 7: no timing oracle). The app
 * waits for these tasks when it closes; tests wait with `settled()`.
 */
export interface BackgroundTasks {
  run(task: () => Promise<void>): void;
  /** Resolves once every task started so far (and any they started) has finished. */
  settled(): Promise<void>;
}

export function createBackgroundTasks(log: {
  error(object: object, message: string): void;
}): BackgroundTasks {
  const inFlight = new Set<Promise<void>>();
  return {
    run(task) {
      const running: Promise<void> = task()
        .catch((error: unknown) => log.error({ err: error }, 'background task failed'))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
