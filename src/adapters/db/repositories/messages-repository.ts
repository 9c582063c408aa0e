import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../time.js';
import type { MessagesRepository } from '../../../ports/repositories/messages.js';

export const createMessagesRepository = (db: Kysely<DB>): MessagesRepository => ({
  async add(registrationId, message, at) {
    await db.insertInto('messages').values({ registration_id: registrationId, title: message.title, body: message.body, created_at: toDbTime(at), read_at: null }).execute();
  },

  async latestOf(registrationId, limit) {
    const rows = await db.selectFrom('messages').selectAll().where('registration_id', '=', registrationId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: Number(r.id), title: r.title, body: r.body, createdAt: fromDbTime(r.created_at), readAt: fromDbTimeOrNull(r.read_at) }));
  },

  async markRead(messageId, registrationId, at) {
    const res = await db
      .updateTable('messages')
      .set({ read_at: toDbTime(at) })
      .where('id', '=', messageId)
      .where('registration_id', '=', registrationId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  async exists(messageId, registrationId) {
    const row = await db.selectFrom('messages').select('id').where('id', '=', messageId).where('registration_id', '=', registrationId).executeTakeFirst();
    return row !== undefined;
  },
});
