/** Delivers one final-result event to the registration system; throws to be retried. */
export interface ResultWebhook {
  deliver(event: { id: string; body: string }): Promise<void>;
}
