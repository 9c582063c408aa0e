/** A message in a candidate's inbox (审核通知). */
export interface CandidateMessage {
  id: number;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface MessagesRepository {
  add(registrationId: string, message: { title: string; body: string }, at: Date): Promise<void>;
  /** Newest first. */
  latestOf(registrationId: string, limit: number): Promise<CandidateMessage[]>;
  /** false when the message is not the registration's or was read already. */
  markRead(messageId: number, registrationId: string, at: Date): Promise<boolean>;
  exists(messageId: number, registrationId: string): Promise<boolean>;
}
