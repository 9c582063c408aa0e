/** Sends one SMS. `idempotencyKey` lets the gateway drop a repeat after a worker crash. */
export interface SmsSender {
  send(message: { to: string; text: string; idempotencyKey: string }): Promise<void>;
}
