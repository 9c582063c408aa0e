import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { cliEnvFor, runCli } from '../support/run-cli.js';
import { AesGcmPersonalDataCipher } from '../../src/adapters/crypto/personal-data-cipher.js';
import { normaliseIdNumber } from '../../src/domain/id-number.js';
import { toDbTime } from '../../src/adapters/db/time.js';

/** DATA_KEY rotation: every ID/phone number and import report re-encrypted, search hashes recomputed, re-runnable. */
describe.each(testDatabases())('DATA_KEY rotation on %s', (db) => {
  let server: TestServer;
  let oldKey: string;
  const newKey = crypto.randomBytes(32).toString('base64url');
  const rotate = (env: Record<string, string>) => runCli('rotate-data-key', [], cliEnvFor(server, env));
  const registrations = () =>
    server.deps.db.selectFrom('registrations').select(['id', 'id_number_cipher', 'id_number_hash', 'phone_cipher']).orderBy('id').execute();

  beforeAll(async () => {
    server = await startTestServer({ db });
    oldKey = TEST_DATA_KEY; // the key every test server encrypts with
    await server.deps.db
      .insertInto('import_reports')
      .values({
        id: crypto.randomUUID(), account_id: null, actor_username: 'admin', region_scope: null, file_name: 'regs.csv', file_format: 'csv',
        total_rows: 1, imported: 0, updated: 0, unchanged: 0, rejected: 1,
        report_cipher: server.deps.cipher.encrypt(JSON.stringify({ rows: [{ cells: ['110105194912310021'] }] })),
        created_at: toDbTime(new Date()),
      })
      .execute();
  });
  afterAll(async () => server?.close());

  it('re-encrypts ID and phone numbers and import reports under the new key, recomputes search hashes, and can run again', async () => {
    const oldCipher = new AesGcmPersonalDataCipher(oldKey);
    const newCipher = new AesGcmPersonalDataCipher(newKey);
    const before = (await registrations()).map((r) => ({ id: r.id, idNumber: oldCipher.decrypt(r.id_number_cipher), phone: oldCipher.decrypt(r.phone_cipher) }));
    expect(before.length).toBeGreaterThanOrEqual(20);

    const first = await rotate({ OLD_DATA_KEY: oldKey, NEW_DATA_KEY: newKey });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`考生记录：重新加密 ${before.length}，已是新密钥 0，无法解密 0`);
    expect(first.stdout).toContain('导入错误报告：重新加密 1');

    const after = await registrations();
    for (const [i, r] of after.entries()) {
      expect(newCipher.decrypt(r.id_number_cipher)).toBe(before[i]!.idNumber);
      expect(newCipher.decrypt(r.phone_cipher)).toBe(before[i]!.phone);
      // The reviewers' search by ID number finds the candidate with the new key's hash.
      expect(r.id_number_hash).toBe(newCipher.searchHash(normaliseIdNumber(before[i]!.idNumber)));
      expect(() => oldCipher.decrypt(r.id_number_cipher)).toThrow();
    }
    const report = await server.deps.db.selectFrom('import_reports').select('report_cipher').executeTakeFirstOrThrow();
    expect(JSON.parse(newCipher.decrypt(report.report_cipher)).rows[0].cells[0]).toBe('110105194912310021');

    const again = await rotate({ OLD_DATA_KEY: oldKey, NEW_DATA_KEY: newKey });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`考生记录：重新加密 0，已是新密钥 ${before.length}，无法解密 0`);
    expect(await registrations()).toEqual(after);
  });

  it('names rows that neither key opens and exits 1; refuses a short or unchanged key with 2', async () => {
    const stranger = new AesGcmPersonalDataCipher(crypto.randomBytes(32).toString('hex'));
    const victim = (await registrations())[0]!;
    await server.deps.db.updateTable('registrations').set({ phone_cipher: stranger.encrypt('13800000000') }).where('id', '=', victim.id).execute();
    const r = await rotate({ OLD_DATA_KEY: oldKey, NEW_DATA_KEY: newKey });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`neither key opens registration ${victim.id}`);
    expect((await rotate({ OLD_DATA_KEY: oldKey, NEW_DATA_KEY: 'short' })).code).toBe(2);
    expect((await rotate({ OLD_DATA_KEY: newKey, NEW_DATA_KEY: newKey })).code).toBe(2);
    expect((await rotate({ NEW_DATA_KEY: newKey })).code).toBe(2);
  });
});
