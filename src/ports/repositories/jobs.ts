/** The outbox of background work (run by services/run-jobs.ts). */
export interface JobsRepository {
  /** An SMS to the candidate, sent by the job worker once the caller's transaction commits. */
  enqueueSms(registrationId: string, text: string, runAt: Date): Promise<void>;
}
