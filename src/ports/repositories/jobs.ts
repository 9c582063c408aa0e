/** A background job taken to run (an SMS, a result webhook). */
export interface LeasedJob {
  id: number;
  kind: string;
  payload: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** The outbox: jobs written in the transaction that caused them, run later by services/run-jobs.ts. */
export interface JobsRepository {
  /** An SMS to the candidate, sent by the job worker once the caller's transaction commits. */
  enqueueSms(registrationId: string, text: string, runAt: Date): Promise<void>;
  /**
   * Takes the next due job no other worker holds, leasing it until `leaseUntil` and counting
   * the attempt; undefined when nothing is due.
   */
  leaseNextDue(now: Date, leaseUntil: Date): Promise<LeasedJob | undefined>;
  markDone(id: number, at: Date): Promise<void>;
  /** A failed attempt: runs again at `runAt`, or (giveUpAt set) not at all. */
  markFailed(id: number, p: { error: string; runAt: Date; giveUpAt: Date | null }): Promise<void>;
  /** The encrypted phone number an SMS job goes to. */
  smsRecipientCipher(registrationId: string): Promise<string | undefined>;
  /** The stored body of a result event a webhook job delivers. */
  resultEvent(eventId: string): Promise<{ id: string; payload: string } | undefined>;
}
