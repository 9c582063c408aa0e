import type { Readable } from 'node:stream';
import type { Actor, Deps } from './deps.js';
import type { SheetColumn } from '../ports/spreadsheet-writer.js';
import { statusLabel, REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-status.js';
import { staffScopeOf } from '../domain/staff-scope.js';
import { formatChinaDateTime } from '../domain/china-time.js';

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
  await deps.store.audit.append({ at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.exported', details: { status: filter.status ?? 'all' }, ip: actor.ip });
  const status = filter.status && (REGISTRATION_STATUSES as readonly string[]).includes(filter.status) ? (filter.status as RegistrationStatus) : undefined;

  void (async () => {
    try {
      const scope = staffScopeOf(actor);
      let afterNo = '';
      for (;;) {
        const rows = await deps.store.reviewQueue.exportPage(scope, { status, afterNo }, 1000);
        if (rows.length === 0) break;
        for (const r of rows) {
          const c = r.lastComment;
          sheet.addRow([
            r.registrationNo, r.name, r.idNumberMasked, r.examCategoryName, r.siteName,
            statusLabel(r.status), r.materialsComplete ? '是' : '否',
            c ? (c.level === 'site' ? '考点' : '考区') : '', c?.comment ?? '', formatChinaDateTime(r.statusChangedAt),
          ]);
        }
        afterNo = rows.at(-1)!.registrationNo;
      }
      await sheet.finish();
    } catch (e) {
      sheet.abort(e as Error);
    }
  })();
  return sheet.output;
}
