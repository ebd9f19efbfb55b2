/** The schedule-relevant fields of a round. */
export interface PlannableRound {
  id: string;
  state: string;
  opensAt: Date;
  closesAt: Date;
  reminderOffsetsHours: readonly number[];
}

/**
 * Enqueues a round's timed work (open, each reminder, close) with the durable scheduler. Only an
 * optimisation for punctuality: the scheduler's sweep finds every due round anyway.
 */
export interface RoundJobs {
  planRound(round: PlannableRound): Promise<void>;
}

/** For processes without a scheduler (tests, SCHEDULER_ENABLED=false): another instance's sweep acts. */
export const noRoundJobs: RoundJobs = {
  async planRound() {},
};
