/**
 * Candidate aids over real HTTP on both databases: the pre-filled 附件2 PDF (shared/API.md
 * "Documents"; read back with poppler's pdftotext/pdffonts) and the public 报名照片检测 API.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const PDF_PATH = '/api/v1/candidate/documents/commitment-letter.pdf';
const CHECK_PATH = '/api/v1/tools/photo-check';

/** An ID-photo-like picture as SVG: background, head, shoulders. */
function portraitSvg(w: number, h: number, bg = '#fafafa'): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="${w}" height="${h}" fill="${bg}"/>
    <ellipse cx="${w / 2}" cy="${h * 0.38}" rx="${w * 0.2}" ry="${h * 0.24}" fill="#deb8a0"/>
    <path d="M0 ${h} L${w * 0.1} ${h * 0.75} Q${w / 2} ${h * 0.62} ${w * 0.9} ${h * 0.75} L${w} ${h} Z" fill="#2c3040"/>
  </svg>`);
}

async function pdfText(pdf: Buffer, tool: 'pdftotext' | 'pdffonts' | 'pdfinfo' = 'pdftotext'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'letter-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    await fs.writeFile(file, pdf);
    return execFileSync(tool, tool === 'pdftotext' ? [file, '-'] : [file], { encoding: 'utf8' });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabases())('candidate aids over HTTP on %s', (db) => {
  let server: TestServer;
  let checkCalls = 0;

  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  async function candidate(no: string, activate = true) {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login(no)).status).toBe(200);
    if (activate) expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }

  async function personalData(no: string) {
    const r = await server.deps.db.selectFrom('registrations').select(['name', 'id_number_cipher', 'phone_cipher']).where('registration_no', '=', no).executeTakeFirstOrThrow();
    return { name: r.name, idNumber: server.deps.cipher.decrypt(r.id_number_cipher), phone: server.deps.cipher.decrypt(r.phone_cipher) };
  }

  function check(bytes: Buffer, opts: { query?: string; lang?: 'zh-CN' | 'en'; name?: string } = {}) {
    checkCalls++;
    const c = new ApiClient(server.baseUrl, opts.lang ?? 'zh-CN');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), opts.name ?? 'photo.jpg');
    return c.request('POST', `${CHECK_PATH}${opts.query ?? ''}`, { form });
  }

  describe('附件2 PDF', () => {
    it('is the candidate\'s own letter: an A4 PDF with their name, full ID number and phone, the font embedded as a small subset', async () => {
      const no = '2026990100004';
      const c = await candidate(no);
      const r = await c.request('GET', PDF_PATH);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      expect(r.headers.get('content-disposition')).toMatch(/^inline; filename="commitment-letter.pdf"; filename\*=UTF-8''/);
      expect(r.headers.get('cache-control')).toMatch(/no-store/);
      const pdf = r.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const me = await personalData(no);
      const text = await pdfText(pdf);
      expect(text).toContain(me.name);
      expect(text).toContain(me.idNumber);
      expect(text).toContain(me.phone);
      expect(text).toContain('临床实践训练经历满一年证明');
      expect(text).toContain('承诺人签字');
      const info = await pdfText(pdf, 'pdfinfo');
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
      // One font, embedded as TrueType; the shipped subset (~0.7 MB) shrinks to the few hundred glyphs used.
      const fonts = (await pdfText(pdf, 'pdffonts')).split('\n').filter((l) => /TrueType/.test(l));
      expect(fonts).toHaveLength(1);
      expect(fonts[0]).toMatch(/WenQuanYiMicroHei.*CID TrueType\s+Identity-H\s+yes/);
      expect(pdf.length).toBeLessThan(60_000);
    });

    it('asks for activation first, is not there for staff, and needs a login', async () => {
      const before = await candidate('2026990100005', false);
      const r = await before.request('GET', PDF_PATH);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('ACTIVATION_REQUIRED');
      const staff = new ApiClient(server.baseUrl);
      await staff.login('site9901');
      expect((await staff.request('GET', PDF_PATH)).status).toBe(404);
      const anon = await new ApiClient(server.baseUrl).request('GET', PDF_PATH);
      expect(anon.status).toBe(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('gives two candidates asking at once each their own letter', async () => {
      const nos = ['2026990200001', '2026990200002'];
      const clients = await Promise.all(nos.map((no) => candidate(no)));
      const pdfs = await Promise.all(clients.map((c) => c.request('GET', PDF_PATH)));
      for (let i = 0; i < nos.length; i++) {
        const text = await pdfText(pdfs[i]!.body as Buffer);
        const me = await personalData(nos[i]!);
        const other = await personalData(nos[1 - i]!);
        expect(text).toContain(me.idNumber);
        expect(text).not.toContain(other.idNumber);
      }
    });

    it('prints a name the font cannot draw as a blank line to write by hand, never as empty boxes', async () => {
      const no = '2026990200003';
      await server.deps.db.updateTable('registrations').set({ name: '张㐀' }).where('registration_no', '=', no).execute();
      const c = await candidate(no);
      const r = await c.request('GET', PDF_PATH);
      expect(r.status).toBe(200);
      const text = await pdfText(r.body as Buffer);
      expect(text).not.toContain('张');
      expect(text).toMatch(/本人\s*于/);
      expect(text).toContain((await personalData(no)).idNumber);
    });
  });

  describe('报名照片检测 API', () => {
    it('checks a photo without a login and says what fails: a 60 KB PNG of the wrong size', async () => {
      const png = await sharp(portraitSvg(600, 800)).png({ compressionLevel: 0 }).toBuffer();
      const r = await check(png, { name: 'photo.png' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: false, fixable: true, rules: { width: 358, height: 441, maxBytes: 30_720 }, facts: { format: 'png', bytes: png.length, width: 600, height: 800, exifOrientation: 1 } });
      const status = Object.fromEntries(r.body.checks.map((x: any) => [x.id, x.status]));
      expect(status).toEqual({ format: 'fail', file_size: 'fail', dimensions: 'fail', aspect: 'fail', orientation: 'pass', background: 'pass' });
      const size = r.body.checks.find((x: any) => x.id === 'file_size');
      expect(size.title).toBe('文件大小');
      expect(size.message).toMatch(/超过 30KB。修复时将重新压缩/);
    });

    it('passes a good photo, takes another size from the query, and answers in English when asked', async () => {
      const good = await sharp(portraitSvg(358, 441)).jpeg({ quality: 85 }).toBuffer();
      expect(good.length).toBeLessThanOrEqual(30_720);
      const ok = await check(good);
      expect(ok.body.ok).toBe(true);
      expect(ok.body.checks.every((x: any) => x.status === 'pass')).toBe(true);
      const other = await check(good, { query: '?width=390&height=567&maxKb=20', lang: 'en' });
      expect(other.body.rules).toEqual({ width: 390, height: 567, maxBytes: 20_480 });
      expect(other.body.checks.find((x: any) => x.id === 'dimensions').message).toBe('358×441 px; 390×567 px is required. The fix enlarges it, which may look soft: a sharper original is better.');
    });

    it('reports a rotation tag and a dark background', async () => {
      const sideways = await sharp(portraitSvg(358, 441, '#203060')).rotate(-90).jpeg({ quality: 70 }).withMetadata({ orientation: 6 }).toBuffer();
      const r = await check(sideways);
      expect(r.body.facts).toMatchObject({ width: 358, height: 441, exifOrientation: 6 });
      const byId = Object.fromEntries(r.body.checks.map((x: any) => [x.id, x]));
      expect(byId.orientation).toMatchObject({ status: 'fail', fixable: true, reason: 'exif_rotated' });
      expect(byId.background).toMatchObject({ status: 'fail', fixable: false, reason: 'too_dark' });
      expect(byId.background.message).toMatch(/请在白色或浅色纯色墙面前重新拍摄/);
      expect(r.body.fixable).toBe(false);
    });

    it('refuses bad input with a stable code and a message that says what to do', async () => {
      const bad = await check(await sharp(portraitSvg(358, 441)).jpeg().toBuffer(), { query: '?width=5' });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error.message).toMatch(/宽度（像素）width不能小于 100/);
      const pdf = await check(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n'), { name: 'photo.jpg' });
      expect(pdf.status).toBe(415);
      expect(pdf.body.error).toMatchObject({ code: 'PHOTO_UNREADABLE', details: { detected: 'pdf' } });
      expect(pdf.body.error.message).toBe('无法检测该文件（实际为 PDF）：请选择 JPG 或 PNG 格式的照片。');
      const jpeg = await makePhotoJpeg({ width: 800, height: 1000, targetBytes: 60_000 });
      const broken = await check(jpeg.subarray(0, 2_000));
      expect(broken.status).toBe(422);
      expect(broken.body.error.code).toBe('INVALID_IMAGE');
      const huge = await check(Buffer.concat([jpeg, Buffer.alloc(9 * 1024 * 1024)]));
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe('PHOTO_TOO_LARGE');
      expect(huge.body.error.message).toMatch(/待检测的照片不能超过 8\.0MB，当前为9\.\dMB/);
      checkCalls++;
      const none = await new ApiClient(server.baseUrl).request('POST', CHECK_PATH, { form: new FormData() });
      expect(none.status).toBe(422);
      expect(none.body.error.message).toMatch(/没有收到照片/);
    });

    it('is rate-limited: past 30 checks a minute the caller is told when to try again', async () => {
      const good = await sharp(portraitSvg(358, 441)).jpeg({ quality: 80 }).toBuffer();
      const statuses: number[] = [];
      for (let i = checkCalls; i < 32; i++) statuses.push((await check(good)).status);
      expect(checkCalls).toBe(32);
      expect(statuses.slice(0, -2).every((s) => s === 200)).toBe(true);
      const last = await check(good);
      expect(last.status).toBe(429);
      expect(last.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
