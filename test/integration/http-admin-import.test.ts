import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { gbkEncode, IMPORT_HEADER, importFile, loggedIn, testIdNumber, withWrongCheckDigit, xlsxOf } from '../support/admin-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csv = (lines: string[], bom = true) => Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);

describe.each(testDatabases())('registration import on %s', (db) => {
  let server: TestServer;
  let admin: ApiClient;
  let admin99: ApiClient;
  let photo: Buffer;

  const registration = (no: string) => server.deps.db.selectFrom('registrations').selectAll().where('registration_no', '=', no).executeTakeFirst();

  beforeAll(async () => {
    server = await startTestServer({ db });
    admin = await loggedIn(server.baseUrl, 'admin');
    admin99 = await loggedIn(server.baseUrl, 'admin99');
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
    await admin.request('POST', '/api/v1/admin/regions', { json: { code: '98', name: '测试省' } });
    await admin.request('POST', '/api/v1/admin/regions/98/sites', { json: { code: '9801', name: '测试市考点' } });
  });
  afterAll(async () => server?.close());

  it('stores the good rows, reports each bad row by line and column, and stores none of them', async () => {
    const file = csv([
      IMPORT_HEADER,
      `2026990100101,赵一,身份证,${testIdNumber(101)},13800000101,临床执业医师,99,9901`,
      `2026990100102,"钱,二",身份证,${withWrongCheckDigit(testIdNumber(102))},13800000102,临床执业医师,99,9901`,
      `2026990100103,孙三,身份证,${testIdNumber(103)},1380000010,口腔执业医师,99,9901`,
      '',
      `2026990100104,李四,身份证,${testIdNumber(104)},13800000104,临床执业医师,99,9801`,
      `2026990100105,周五,护照,E12345678,13800000105,中医执业医师,99,9902`,
      `2026990100106,吴六,身份证,${testIdNumber(106).toLowerCase()},13800000106,乡村全科执业助理医师,99,9902`,
    ]);
    const r = await importFile(admin, file, '报名信息.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejectedRows: 3, totalRows: 6, format: 'csv', encoding: 'utf-8' });
    expect(r.body.rejected).toEqual([
      { row: 3, column: '证件号码', code: 'ID_NUMBER_CHECK_DIGIT', message: expect.stringContaining('校验位') },
      { row: 4, column: '手机号', code: 'PHONE_INVALID', message: expect.stringContaining('11 位') },
      { row: 6, column: '考点代码', code: 'SITE_NOT_IN_REGION', message: expect.stringContaining('不属于考区 99') },
    ]);
    for (const bad of ['2026990100102', '2026990100103', '2026990100104']) expect(await registration(bad)).toBeUndefined();
    const stored = (await registration('2026990100101'))!;
    expect(stored).toMatchObject({ name: '赵一', exam_category_code: '110', region_code: '99', site_code: '9901', status: 'draft', id_type: '身份证' });
    expect(stored.id_number_masked).toBe(`1101${'*'.repeat(10)}${testIdNumber(101).slice(-4)}`);
    expect(stored.id_number_cipher).not.toContain(testIdNumber(101));
    expect(server.deps.cipher.decrypt(stored.id_number_cipher)).toBe(testIdNumber(101));
    expect(stored.phone_masked).toBe('138****0101');
    expect((await registration('2026990100106'))!.id_number_masked.endsWith(testIdNumber(106).slice(-4).toUpperCase())).toBe(true);
    expect((await registration('2026990100105'))!.id_type).toBe('护照');

    // The report: the rejected rows in the import layout, with line and reason.
    expect(r.body.reportUrl).toMatch(/\/errors\.csv$/);
    const report = await admin.request('GET', r.body.reportUrl);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const text = (report.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeff报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码,原行号,错误说明')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"钱,二"');
    expect(lines[1]).toContain(',3,证件号码：');
    const xlsx = await admin.request('GET', r.body.reportUrl.replace(/\.csv$/, '.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
    expect(wb.worksheets[0]!.getRow(4).getCell(9).value).toBe('6');
    expect((await admin99.request('GET', r.body.reportUrl)).status).toBe(404);
    const history = (await admin.request('GET', '/api/v1/admin/registrations/imports')).body.items;
    expect(history[0]).toMatchObject({ id: r.body.reportId, imported: 3, rejectedRows: 3, fileName: '报名信息.csv' });
    expect((await server.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'registration.imported').execute()).length).toBe(3);
  });

  it('gives an imported candidate an account: the last six of the ID number, changed at first login, then upload', async () => {
    // An ID number ending in X: the candidate may type the x in lower case.
    let n = 201;
    while (!testIdNumber(n, '19980809').endsWith('X')) n++;
    const id = testIdNumber(n, '19980809');
    expect((await importFile(admin, csv([IMPORT_HEADER, `2026990100201,郑七,身份证,${id},13800000201,临床执业医师,99,9901`]), 'a.csv')).body.imported).toBe(1);
    const c = new ApiClient(server.baseUrl);
    expect((await c.login('2026990100201', 'wrong1')).status).toBe(401);
    const login = await c.login('2026990100201', id.slice(-6).toLowerCase());
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'candidate', mustChangePassword: true });
    const blocked = await c.request('GET', '/api/v1/candidate/registration');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: id.slice(-6), newPassword: 'Zheng2026x' } })).status).toBe(204);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    expect((await c.upload('id_card', photo)).status).toBe(201);
    expect((await new ApiClient(server.baseUrl).login('2026990100201', id.slice(-6))).status).toBe(401);
    expect((await new ApiClient(server.baseUrl).login('2026990100201', 'Zheng2026x')).status).toBe(200);
  });

  it('reads GBK CSV from Chinese Excel and xlsx, and an identical re-import changes nothing', async () => {
    const lines = [
      `${IMPORT_HEADER},个人情况`,
      `2026990200301,王小明,身份证,${testIdNumber(301)},13900000301,临床执业助理医师,99,9902,应届毕业生`,
      `2026990200302,欧阳娜娜,居民身份证,${testIdNumber(302)},13900000302,公共卫生执业医师,99,9902,助理报考执业；非首次报考`,
    ];
    const gbk = await importFile(admin, gbkEncode(lines.join('\r\n')), 'gbk.csv');
    expect(gbk.body).toMatchObject({ imported: 2, rejectedRows: 0, encoding: 'gbk' });
    expect((await registration('2026990200302'))!).toMatchObject({ name: '欧阳娜娜', exam_category_code: '130', situations: JSON.stringify(['assistant_to_physician', 'repeat_candidate']) });
    const again = await importFile(admin, csv(lines, false), 'utf8.csv');
    expect(again.body).toMatchObject({ imported: 0, updated: 0, unchanged: 2, rejectedRows: 0 });

    const book = await xlsxOf([
      IMPORT_HEADER.split(','),
      ['2026990200303', '冯八', '身份证', testIdNumber(303), '13900000303', '口腔执业医师', '99', 9902],
      ['2026990200304', '陈九', '身份证', Number(testIdNumber(304).slice(0, 17) + '0'), '13900000304', '口腔执业医师', '99', '9902'],
    ]);
    const x = await importFile(admin, book, 'book.xlsx');
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ format: 'xlsx', imported: 1, rejectedRows: 1 });
    expect(x.body.rejected[0]).toMatchObject({ row: 3, column: '证件号码', code: 'ID_NUMBER_SCIENTIFIC' });
  });

  it('refuses a wrong header with 422 and a file that is neither CSV nor xlsx with 415, storing nothing', async () => {
    const before = (await server.deps.db.selectFrom('registrations').select('id').execute()).length;
    const header = await importFile(admin, csv(['报名号,姓名,证件号码,证件类型,手机号,报考类别,考区代码,考点代码', `2026990100401,甲,身份证,${testIdNumber(401)},13800000401,临床执业医师,99,9901`]), 'x.csv');
    expect(header.status).toBe(422);
    expect(header.body.error.code).toBe('IMPORT_HEADER_INVALID');
    expect(header.body.error.message).toContain('报名号,姓名,证件类型,证件号码');
    const png = await importFile(admin, photo, 'x.csv');
    expect(png.status).toBe(415);
    expect(png.body.error.code).toBe('IMPORT_UNSUPPORTED_FILE');
    const xls = await importFile(admin, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'old.xls');
    expect(xls.status).toBe(415);
    expect(xls.body.error.message).toContain('.xls');
    expect((await importFile(admin, Buffer.alloc(0), 'empty.csv')).status).toBe(422);
    expect((await server.deps.db.selectFrom('registrations').select('id').execute()).length).toBe(before);
    const reviewer = await loggedIn(server.baseUrl, 'region99');
    expect((await importFile(reviewer, csv([IMPORT_HEADER]), 'x.csv')).status).toBe(404);
  });

  it('rejects every copy of a 报名号 repeated in the file, and keeps a regional administrator to its region', async () => {
    const dup = await importFile(admin, csv([
      IMPORT_HEADER,
      `2026990100501,甲,身份证,${testIdNumber(501)},13800000501,临床执业医师,99,9901`,
      `2026990100501,乙,身份证,${testIdNumber(502)},13800000502,临床执业医师,99,9901`,
      `2026980100503,丙,身份证,${testIdNumber(503)},13800000503,临床执业医师,98,9801`,
    ]), 'dup.csv');
    expect(dup.body).toMatchObject({ imported: 1, rejectedRows: 2 });
    expect(dup.body.rejected.map((p: any) => [p.row, p.code])).toEqual([[2, 'DUPLICATE_REGISTRATION_NO'], [3, 'DUPLICATE_REGISTRATION_NO']]);

    const regional = await importFile(admin99, csv([
      IMPORT_HEADER,
      `2026990100504,丁,身份证,${testIdNumber(504)},13800000504,临床执业医师,99,9901`,
      `2026980100505,戊,身份证,${testIdNumber(505)},13800000505,临床执业医师,98,9801`,
      `2026980100503,丙,身份证,${testIdNumber(503)},13800000503,临床执业医师,99,9901`,
    ]), 'regional.csv');
    expect(regional.body).toMatchObject({ imported: 1, updated: 0, rejectedRows: 2 });
    expect(regional.body.rejected.map((p: any) => [p.row, p.code])).toEqual([[3, 'REGION_OUT_OF_SCOPE'], [4, 'REGISTRATION_OUT_OF_SCOPE']]);
    expect((await registration('2026980100503'))!.region_code).toBe('98');
    const mine = (await admin99.request('GET', '/api/v1/admin/registrations/imports')).body.items;
    expect(mine.map((i: any) => i.fileName)).toEqual(['regional.csv']);
  });

  it('sends a passed registration back to 填报 when a re-import changes its situation, keeping approvals and a message', async () => {
    const no = '2026990100601';
    const id = testIdNumber(601);
    const row = (extra: string) => `${no},许十,身份证,${id},13800000601,临床执业医师,99,9901,${extra}`;
    expect((await importFile(admin, csv([`${IMPORT_HEADER},个人情况`, row('')]), 'v1.csv')).body.imported).toBe(1);
    // In this region a 助理报考执业 candidate no longer files a probation certificate.
    expect((await admin99.request('POST', '/api/v1/admin/requirement-rules', {
      json: { regionCode: '99', examCategoryCode: null, situation: 'assistant_to_physician', materialCode: 'probation_assessment', requirement: 'hidden' },
    })).status).toBe(201);

    const c = new ApiClient(server.baseUrl);
    await c.login(no, id.slice(-6));
    await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: id.slice(-6), newPassword: 'Xu2026abcd' } });
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const idCard = (await c.upload('id_card', photo)).body.id;
    const probation = (await c.upload('probation_assessment', photo)).body.id;
    const reg = (await registration(no))!;
    await server.deps.db.updateTable('images').set({ state: 'approved' }).where('registration_id', '=', reg.id).execute();
    await server.deps.db.updateTable('registrations').set({ status: 'approved', review_queue: null }).where('id', '=', reg.id).execute();

    const v2 = await importFile(admin, csv([`${IMPORT_HEADER},个人情况`, row('助理报考执业')]), 'v2.csv');
    expect(v2.body).toMatchObject({ imported: 0, updated: 1, returnedToDraft: 1 });
    const after = (await registration(no))!;
    expect(after).toMatchObject({ status: 'draft', situations: JSON.stringify(['assistant_to_physician']), review_queue: 'site' });

    const materials = (await c.request('GET', '/api/v1/candidate/materials')).body;
    expect(materials.status).toBe('draft');
    expect(materials.categories.find((x: any) => x.code === 'id_card').images[0]).toMatchObject({ id: idCard, state: 'approved', locked: true });
    expect(materials.categories.find((x: any) => x.code === 'probation_assessment')).toBeUndefined();
    expect(materials.otherImages.map((i: any) => i.id)).toEqual([probation]);
    expect(materials.categories.find((x: any) => x.code === 'practice_license').required).toBe(true);
    const inbox = await server.deps.db.selectFrom('messages').selectAll().where('registration_id', '=', reg.id).execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toContain('报考信息变更');
    expect(inbox[0]!.body).toContain('审核通过');
    expect(inbox[0]!.body).toContain('医师执业证书');
    const history = await server.deps.db.selectFrom('audit_events').select('details').where('registration_id', '=', reg.id).where('action', '=', 'registration.updated').execute();
    expect(JSON.parse(history[0]!.details)).toMatchObject({ changes: ['situations'], status: { from: 'approved', to: 'draft' } });
    // The registration system had been told 审核通过 (or may have been): it now hears that the result no longer holds.
    const events = await server.deps.db.selectFrom('result_events').select('payload').where('registration_id', '=', reg.id).execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([expect.objectContaining({ status: 'pending', previousStatus: 'approved', registrationNo: no })]);

    // The same file again: nothing changes, no second message.
    expect((await importFile(admin, csv([`${IMPORT_HEADER},个人情况`, row('助理报考执业')]), 'v2.csv')).body).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await server.deps.db.selectFrom('messages').select('id').where('registration_id', '=', reg.id).execute()).toHaveLength(1);
  });
});
