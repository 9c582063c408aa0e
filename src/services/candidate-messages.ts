import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';

/** The candidate's inbox (审核通知), newest first, with the unread count. */
export async function listMessages(deps: Deps, actor: Actor) {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const rows = await deps.store.messages.latestOf(actor.registrationId, 100);
  return {
    unread: rows.filter((r) => r.readAt == null).length,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
  };
}

export async function markMessageRead(deps: Deps, actor: Actor, messageId: number): Promise<void> {
  const registrationId = actor.registrationId ?? '';
  if (await deps.store.messages.markRead(messageId, registrationId, deps.clock.now())) return;
  // Already read is fine; someone else's (or no) message is not found.
  if (!(await deps.store.messages.exists(messageId, registrationId))) throw new AppError('NOT_FOUND');
}
