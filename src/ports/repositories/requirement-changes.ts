import type { RegistrationStatus } from '../../domain/registration-status.js';

/**
 * What a change of a registration's required set writes (a re-import, a 考点 rule): a passed
 * file back to 填报, and categories released from or locked again by the required set.
 */
export interface RequirementChangesRepository {
  /**
   * Back to 填报 while still in `fromStatus`: the review claim dropped, the changes-since-return
   * flag cleared. False when the status moved since it was read.
   */
  returnToDraft(registrationId: string, fromStatus: RegistrationStatus, at: Date): Promise<boolean>;
  /**
   * Categories of `before` not in `after` are released (their approved images may be deleted
   * by the candidate); every category of `after` is locked again.
   */
  releaseCategories(registrationId: string, before: readonly string[], after: readonly string[], at: Date): Promise<void>;
}
