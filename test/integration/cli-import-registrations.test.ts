import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { cliEnvFor, runCli } from '../support/run-cli.js';
import { IMPORT_HEADER, testIdNumber, xlsxOf } from '../support/admin-fixtures.js';

/** The command-line import, on the same database as a running server. */
describe.each(testDatabases())('CLI registration import on %s', (db) => {
  let server: TestServer;
  const cli = (...args: string[]) => runCli('import-registrations', args, cliEnvFor(server));

  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('imports an xlsx file as region 99, writes the error report next to it and exits 3', async () => {
    const file = path.join(server.dataDir, 'regs.xlsx');
    await fs.writeFile(file, await xlsxOf([
      IMPORT_HEADER.split(','),
      ['2026990100801', '韩梅', '身份证', testIdNumber(801), '13800000801', '临床执业医师', '99', '9901'],
      ['2026990100802', '江涛', '身份证', testIdNumber(802), '13800000802', '临床执业医师', '98', '9801'],
    ]));
    const r = await cli(file, '--region', '99');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('新增 1');
    expect(r.stdout).toContain('拒绝 1');
    expect(r.stdout).toMatch(/第 3 行 考区代码/);
    const report = await fs.readFile(`${file}.errors.csv`, 'utf8');
    expect(report).toContain('2026990100802');
    const stored = await server.deps.db.selectFrom('registrations').select('registration_no').where('registration_no', 'like', '202699010080%').execute();
    expect(stored.map((s) => s.registration_no)).toEqual(['2026990100801']);
    const audit = await server.deps.db.selectFrom('audit_events').select(['actor_account_id', 'details']).where('action', '=', 'admin.registrations_imported').execute();
    expect(audit.map((a) => a.actor_account_id)).toEqual(['cli']);
  });

  it('exits 0 when every row is stored, 1 for a file it refuses and 2 for wrong usage', async () => {
    const good = path.join(server.dataDir, 'good.csv');
    await fs.writeFile(good, `${IMPORT_HEADER}\n2026990100803,卫青,身份证,${testIdNumber(803)},13800000803,口腔执业医师,99,9902\n`);
    expect((await cli(good)).code).toBe(0);
    const bad = path.join(server.dataDir, 'bad.csv');
    await fs.writeFile(bad, '报名号,姓名\n1,2\n');
    const refused = await cli(bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('IMPORT_HEADER_INVALID');
    expect((await cli()).code).toBe(2);
    expect((await cli(good, '--region', '77')).code).toBe(1);
  }, 240_000); // four cold `tsx` start-ups: slow on a busy 2-core machine
});
