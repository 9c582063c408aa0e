import crypto from 'node:crypto';
import type { Deps } from './deps.js';
import { checkDigitFor } from '../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../domain/masking.js';
import type { Account } from '../ports/repositories/accounts.js';
import type { NewRegistration } from '../ports/repositories/imports.js';

export const DEMO_PASSWORD = 'Demo#2026';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['芳', '伟', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'];

/** Fictional but valid-looking (GB 11643 check digit) ID numbers for the demo. */
export function demoIdNumber(n: number): string {
  const body = `990101${1990 + (n % 10)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  return body + checkDigitFor(body);
}

/** Demo data of shared/API.md: region 99, two sites, staff and 20 candidates. Never in production. */
export async function loadDemoData(deps: Pick<Deps, 'store' | 'cipher' | 'clock' | 'passwords'>): Promise<boolean> {
  const { store, cipher, clock } = deps;
  if (await store.regions.exists('99')) return false;
  const now = clock.now();
  const passwordHash = await deps.passwords.hash(DEMO_PASSWORD);
  const dayMs = 86_400_000;
  const account = (a: Pick<Account, 'username' | 'role' | 'displayName' | 'regionCode' | 'siteCode' | 'registrationId'>): Account => ({
    id: crypto.randomUUID(), ...a, passwordHash, mustChangePassword: false, disabled: false, createdAt: now,
  });
  const accounts: Account[] = [
    account({ username: 'admin', role: 'admin', displayName: '系统管理员', regionCode: null, siteCode: null, registrationId: null }),
    account({ username: 'admin99', role: 'admin', displayName: '示例省考区管理员', regionCode: '99', siteCode: null, registrationId: null }),
    account({ username: 'region99', role: 'region_reviewer', displayName: '示例省考区审核员', regionCode: '99', siteCode: null, registrationId: null }),
    account({ username: 'site9901', role: 'site_reviewer', displayName: '示例市第一考点审核员', regionCode: '99', siteCode: '9901', registrationId: null }),
    account({ username: 'site9902', role: 'site_reviewer', displayName: '示例市第二考点审核员', regionCode: '99', siteCode: '9902', registrationId: null }),
  ];
  const registrations: NewRegistration[] = [];
  let n = 0;
  for (const site of ['9901', '9902']) {
    for (let i = 1; i <= 10; i++) {
      n++;
      const registrationNo = `2026${site}${String(i).padStart(5, '0')}`;
      const idNumber = demoIdNumber(n);
      const phone = `139${String(99000000 + n).padStart(8, '0')}`;
      const id = crypto.randomUUID();
      const name = SURNAMES[(n - 1) % 10]! + GIVEN[(n * 3) % 10]! + (i % 2 ? '' : GIVEN[(n * 7) % 10]!);
      registrations.push({
        id,
        registrationNo,
        name,
        idType: '身份证',
        idNumberCipher: cipher.encrypt(idNumber),
        idNumberHash: cipher.searchHash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        phoneCipher: cipher.encrypt(phone),
        phoneMasked: maskPhone(phone),
        year: 2026,
        examCategoryCode: '110',
        regionCode: '99',
        siteCode: site,
        situations: [],
        reviewQueue: 'site',
        materialsComplete: false,
        createdAt: now,
      });
      accounts.push(account({ username: registrationNo, role: 'candidate', displayName: name, regionCode: '99', siteCode: site, registrationId: id }));
    }
  }
  await store.transaction(async (tx) => {
    await tx.regions.insert({
      code: '99',
      name: '示例省',
      uploadEnabled: true,
      uploadOpensAt: new Date(now.getTime() - 7 * dayMs),
      uploadClosesAt: new Date(now.getTime() + 365 * dayMs),
      reviewOpensAt: new Date(now.getTime() - 7 * dayMs),
      reviewClosesAt: new Date(now.getTime() + 400 * dayMs),
    });
    await tx.regions.insertSites([
      { code: '9901', regionCode: '99', name: '示例市第一考点' },
      { code: '9902', regionCode: '99', name: '示例市第二考点' },
    ]);
    // Registrations first: a candidate account points at its registration.
    await tx.imports.insertRegistrations(registrations);
    await tx.accounts.insertMany(accounts);
  });
  return true;
}
