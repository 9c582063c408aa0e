import type { Readable } from 'node:stream';
import type { Actor, Deps } from './deps.js';
import type { SheetColumn } from '../ports/spreadsheet-writer.js';
import { fromDbTime } from '../adapters/db/time.js';
import { statusLabel, REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-status.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { inScope } from './staff-scope.js';
import { formatChinaDateTime } from '../domain/china-time.js';

const fmt = (iso: string | null) => (iso ? formatChinaDateTime(fromDbTime(iso)) : '');

const COLUMNS: readonly SheetColumn[] = [
  { header: '报名号', width: 16 },
  { header: '姓名', width: 10 },
  { header: '证件号码', width: 22 },
  { header: '报考类别', width: 18 },
  { header: '考点', width: 18 },
  { header: '审核状态', width: 10 },
  { header: '材料齐全', width: 8 },
  { header: '最近审核级别', width: 10 },
  { header: '最近审核意见', width: 40 },
  { header: '状态时间', width: 18 },
];

/**
 * Streams the review results in the caller's scope as xlsx, page by page, so a
 * region's hundreds of thousands of rows never sit in memory at once.
 */
export async function exportReviewResults(deps: Deps, actor: Actor, filter: { status?: string | undefined }): Promise<Readable> {
  const sheet = deps.spreadsheets.start('审核结果', COLUMNS);
  await appendAudit(deps.db, { at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.exported', details: { status: filter.status ?? 'all' }, ip: actor.ip });
  const status = filter.status && (REGISTRATION_STATUSES as readonly string[]).includes(filter.status) ? (filter.status as RegistrationStatus) : undefined;

  void (async () => {
    try {
      let after = '';
      for (;;) {
        let q = deps.db
          .selectFrom('registrations as r')
          .innerJoin('sites as s', 's.code', 'r.site_code')
          .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
          .select(['r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.status', 'r.materials_complete', 'r.status_changed_at', 's.name as site_name', 'e.name as exam_name'])
          .where(inScope(actor))
          .where('r.registration_no', '>', after)
          .orderBy('r.registration_no')
          .limit(1000);
        if (status) q = q.where('r.status', '=', status);
        const rows = await q.execute();
        if (rows.length === 0) break;
        const comments = await deps.db
          .selectFrom('review_comments')
          .select(['registration_id', 'level', 'comment', 'id'])
          .where('registration_id', 'in', rows.map((r) => r.id))
          .orderBy('id')
          .execute();
        const last = new Map(comments.map((c) => [c.registration_id, c]));
        for (const r of rows) {
          const c = last.get(r.id);
          sheet.addRow([
            r.registration_no, r.name, r.id_number_masked, r.exam_name, r.site_name,
            statusLabel(r.status as RegistrationStatus), r.materials_complete ? '是' : '否',
            c ? (c.level === 'site' ? '考点' : '考区') : '', c?.comment ?? '', fmt(r.status_changed_at),
          ]);
        }
        after = rows.at(-1)!.registration_no;
      }
      await sheet.finish();
    } catch (e) {
      sheet.abort(e as Error);
    }
  })();
  return sheet.output;
}
