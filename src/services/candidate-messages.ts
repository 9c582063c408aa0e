import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../adapters/db/time.js';

/** The candidate's inbox (审核通知), newest first, with the unread count. */
export async function listMessages(deps: Deps, actor: Actor) {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const rows = await deps.db
    .selectFrom('messages')
    .selectAll()
    .where('registration_id', '=', actor.registrationId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return {
    unread: rows.filter((r) => r.read_at == null).length,
    items: rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      body: r.body,
      createdAt: fromDbTime(r.created_at).toISOString(),
      readAt: fromDbTimeOrNull(r.read_at)?.toISOString() ?? null,
    })),
  };
}

export async function markMessageRead(deps: Deps, actor: Actor, messageId: number): Promise<void> {
  const res = await deps.db
    .updateTable('messages')
    .set({ read_at: toDbTime(deps.clock.now()) })
    .where('id', '=', messageId)
    .where('registration_id', '=', actor.registrationId ?? '')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const exists = await deps.db.selectFrom('messages').select('id').where('id', '=', messageId).where('registration_id', '=', actor.registrationId ?? '').executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND');
  }
}
