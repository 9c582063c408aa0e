import crypto from 'node:crypto';
import type { Deps } from './deps.js';
import { checkDigitFor } from '../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../domain/masking.js';
import { toDbTime } from '../adapters/db/time.js';

export const DEMO_PASSWORD = 'Demo#2026';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['芳', '伟', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'];

/** Fictional but valid-looking (GB 11643 check digit) ID numbers for the demo. */
export function demoIdNumber(n: number): string {
  const body = `990101${1990 + (n % 10)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  return body + checkDigitFor(body);
}

/** Demo data of shared/API.md: region 99, two sites, staff and 20 candidates. Never in production. */
export async function loadDemoData(deps: Pick<Deps, 'db' | 'cipher' | 'clock' | 'passwords'>): Promise<boolean> {
  const { db, cipher, clock } = deps;
  const already = await db.selectFrom('regions').select('code').where('code', '=', '99').executeTakeFirst();
  if (already) return false;
  const now = clock.now();
  const at = toDbTime(now);
  const passwordHash = await deps.passwords.hash(DEMO_PASSWORD);
  const dayMs = 86_400_000;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('regions')
      .values({
        code: '99',
        name: '示例省',
        upload_enabled: 1,
        upload_opens_at: toDbTime(new Date(now.getTime() - 7 * dayMs)),
        upload_closes_at: toDbTime(new Date(now.getTime() + 365 * dayMs)),
        review_opens_at: toDbTime(new Date(now.getTime() - 7 * dayMs)),
        review_closes_at: toDbTime(new Date(now.getTime() + 400 * dayMs)),
      })
      .execute();
    await trx
      .insertInto('sites')
      .values([
        { code: '9901', region_code: '99', name: '示例市第一考点' },
        { code: '9902', region_code: '99', name: '示例市第二考点' },
      ])
      .execute();
    const staff = [
      { username: 'admin', role: 'admin' as const, display_name: '系统管理员', region_code: null, site_code: null },
      { username: 'admin99', role: 'admin' as const, display_name: '示例省考区管理员', region_code: '99', site_code: null },
      { username: 'region99', role: 'region_reviewer' as const, display_name: '示例省考区审核员', region_code: '99', site_code: null },
      { username: 'site9901', role: 'site_reviewer' as const, display_name: '示例市第一考点审核员', region_code: '99', site_code: '9901' },
      { username: 'site9902', role: 'site_reviewer' as const, display_name: '示例市第二考点审核员', region_code: '99', site_code: '9902' },
    ];
    for (const s of staff) {
      await trx
        .insertInto('accounts')
        .values({ id: crypto.randomUUID(), ...s, password_hash: passwordHash, registration_id: null, must_change_password: 0, disabled: 0, created_at: at })
        .execute();
    }
    let n = 0;
    for (const site of ['9901', '9902']) {
      for (let i = 1; i <= 10; i++) {
        n++;
        const registrationNo = `2026${site}${String(i).padStart(5, '0')}`;
        const idNumber = demoIdNumber(n);
        const phone = `139${String(99000000 + n).padStart(8, '0')}`;
        const id = crypto.randomUUID();
        const name = SURNAMES[(n - 1) % 10]! + GIVEN[(n * 3) % 10]! + (i % 2 ? '' : GIVEN[(n * 7) % 10]!);
        await trx
          .insertInto('registrations')
          .values({
            id,
            registration_no: registrationNo,
            name,
            id_type: '身份证',
            id_number_cipher: cipher.encrypt(idNumber),
            id_number_hash: cipher.searchHash(idNumber),
            id_number_masked: maskIdNumber(idNumber),
            phone_cipher: cipher.encrypt(phone),
            phone_masked: maskPhone(phone),
            year: 2026,
            exam_category_code: '110',
            region_code: '99',
            site_code: site,
            situations: '[]',
            status: 'draft',
            status_changed_at: at,
            activated_at: null,
            changed_since_return: 0,
            claim_account_id: null,
            claim_expires_at: null,
            review_queue: 'site',
            waiting_since: at,
            materials_complete: 0,
            image_count: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await trx
          .insertInto('accounts')
          .values({
            id: crypto.randomUUID(),
            username: registrationNo,
            password_hash: passwordHash,
            role: 'candidate',
            display_name: name,
            region_code: '99',
            site_code: site,
            registration_id: id,
            must_change_password: 0,
            disabled: 0,
            created_at: at,
          })
          .execute();
      }
    }
  });
  return true;
}
