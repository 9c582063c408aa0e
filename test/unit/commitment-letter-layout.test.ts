import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { breakLines, LETTER_FONT_FAMILY, LETTER_TEXT, letterParagraphs, placeLine, type Advance } from '../../src/domain/commitment-letter-layout.js';
import { DEFAULT_LETTER_FONT_PATH, loadLetterFont, printableName, renderCommitmentLetter } from '../../src/adapters/documents/render-commitment-letter.js';
import { isWoff, sfntToWoff, woffToSfnt } from '../../src/adapters/documents/woff.js';

// Monospaced model: CJK and full-width punctuation 1 em, ASCII half.
const advance: Advance = (ch, size) => (ch.charCodeAt(0) < 0x2000 ? size / 2 : size);
const text = (line: ReturnType<typeof breakLines>[number]) => line.map((t) => (t.kind === 'char' ? t.text : t.kind === 'filled' ? `[${t.text}]` : '_')).join('');

describe('breakLines', () => {
  const width = 29 * 15;

  it('keeps lines within the width, never starts one with closing punctuation nor ends one with an opening one', () => {
    for (const name of ['张三', '欧阳娜娜', '阿卜杜热合曼·买买提明', '李']) {
      for (const runs of letterParagraphs({ name })) {
        const lines = breakLines(runs, { width, size: 15, indent: 30, advance });
        lines.forEach((line, i) => {
          const w = line.reduce((s, t) => s + t.width, 0) + (i === 0 ? 30 : 0);
          expect(w).toBeLessThanOrEqual(width + 0.01);
          const first = line[0]!;
          const last = line[line.length - 1]!;
          expect(first.kind === 'char' && '，。、；：？！）》”'.includes(first.text)).toBe(false);
          expect(last.kind === 'char' && '（《“'.includes(last.text)).toBe(false);
        });
        // Nothing lost, nothing doubled.
        const all = lines.flat();
        expect(all.length).toBe(breakLines(runs, { width: 1e9, size: 15, advance })[0]!.length);
      }
    }
  });

  it('prints the name whole on its underline and lets empty blanks run on to the next line', () => {
    const [p1] = letterParagraphs({ name: '张晓明' });
    const lines = breakLines(p1!, { width, size: 15, indent: 30, advance });
    expect(text(lines[0]!)).toMatch(/^本人\[张晓明\]于____年__月__日毕业于_+$/);
    expect(text(lines[1]!)).toMatch(/^_+学校_______专业。/);
    expect(lines.flat().filter((t) => t.kind === 'filled')).toHaveLength(1);
  });

  it('leaves a line to write the name by hand when there is no printable name', () => {
    const [p1] = letterParagraphs({ name: '', nameBlankEm: 6 });
    const line = breakLines(p1!, { width, size: 15, advance })[0]!;
    expect(text(line).startsWith('本人______于')).toBe(true);
  });

  it('moves a character down with punctuation that would start a line', () => {
    const lines = breakLines([{ kind: 'text', text: '一二三四五。六七' }], { width: 5 * 15, size: 15, advance });
    expect(lines.map(text)).toEqual(['一二三四', '五。六七']);
  });
});

describe('placeLine', () => {
  it('spreads a full line exactly to the right margin and joins the units of a blank into one underline', () => {
    const [p1] = letterParagraphs({ name: '张晓明' });
    const line = breakLines(p1!, { width: 435, size: 15, indent: 30, advance })[0]!;
    const placed = placeLine(line, { x0: 100, width: 405, justify: true });
    const last = placed[placed.length - 1]!;
    const end = last.kind === 'underline' ? last.x + last.width : NaN;
    expect(end).toBeCloseTo(505, 6);
    const underlines = placed.filter((p) => p.kind === 'underline');
    expect(underlines.map((u) => (u.kind === 'underline' ? u.value ?? '' : ''))).toEqual(['张晓明', '', '', '', '']);
  });

  it('leaves the last line of a paragraph unstretched', () => {
    const placed = placeLine(breakLines([{ kind: 'text', text: '满一年。' }], { width: 400, size: 15, advance })[0]!, { x0: 0, width: 400, justify: false });
    expect(placed).toEqual([{ kind: 'text', text: '满一年。', x: 0, charSpacing: 0 }]);
  });
});

describe('the shipped letter font', () => {
  it('is a WOFF-wrapped TrueType subset under 1 MB, named "WenQuanYi Micro Hei"', async () => {
    const file = readFileSync(DEFAULT_LETTER_FONT_PATH);
    expect(DEFAULT_LETTER_FONT_PATH).toMatch(/WenQuanYiMicroHei-Subset\.woff$/);
    expect(file.length).toBeLessThan(1024 * 1024);
    expect(isWoff(file)).toBe(true);
    const sfnt = woffToSfnt(file);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    // Lossless: wrapping the unwrapped font again gives the same tables back.
    expect(woffToSfnt(sfntToWoff(sfnt)).equals(sfnt)).toBe(true);
    const f = await loadLetterFont();
    expect(f.font.familyName).toBe(LETTER_FONT_FAMILY);
    expect(f.font.postscriptName).toBe('WenQuanYiMicroHei');
  });

  it('comes out of the subsetting pdf-lib does with every glyph as it went in (glyphs 4-byte padded)', async () => {
    const f = await loadLetterFont();
    // fontkit's subsetter copies glyph bytes as they are and may halve offsets (short loca):
    // an odd-length glyph would shift all the glyphs after it to blanks in the PDF.
    const sample = [...'附件2本人承诺书阿卜杜·买提明（）。，：X'].map((ch) => f.font.glyphForCodePoint(ch.codePointAt(0)!));
    const subset = f.font.createSubset();
    const ids = sample.map((g) => subset.includeGlyph(g));
    const parts: Uint8Array[] = [];
    await new Promise<void>((done) => subset.encodeStream().on('data', (d) => parts.push(d)).on('end', () => done()));
    const embedded = fontkit.create(Buffer.concat(parts));
    sample.forEach((g, i) => {
      expect(g.path.toSVG()).not.toBe('');
      expect(embedded.getGlyph(ids[i]!).path.toSVG()).toBe(g.path.toSVG());
    });
  });

  it('covers every character of the letter, ASCII, the dots of minority names and the 通用规范汉字表 characters the face has', async () => {
    const f = await loadLetterFont();
    const letter = [...letterParagraphs({ name: '' }).flat().map((r) => (r.kind === 'text' ? r.text : '')), ...Object.values(LETTER_TEXT).flat()].join('');
    expect(f.covers(letter + '0123456789X：（）报名号 · 由国家医学考试考生服务系统生成，打印后手写填写空白处')).toBe(true);
    let ascii = '';
    for (let cp = 0x20; cp <= 0x7e; cp++) ascii += String.fromCodePoint(cp);
    expect(f.covers(ascii)).toBe(true);
    expect(f.covers('，。：；、（）《》“”‘’—…·　！？％・•')).toBe(true);

    // The subset holds the 7,829 characters of 通用规范汉字表 the face has (all of the table in
    // U+4E00–U+9FA5; the 276 in Extension A, B… and U+9FCD–U+9FCF were never in the face, and
    // print as a blank name as they always did) and no other unified ideograph.
    const han: string[] = [];
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) if (f.covers(String.fromCodePoint(cp))) han.push(String.fromCodePoint(cp));
    expect(han).toHaveLength(7829);
    // First of 一级字表, common names, 三级字表 rarities and the table's last five.
    for (const ch of '一乙二十丁厂七卜八人医师资么喆玃醾齇觿蠼') expect(f.covers(ch)).toBe(true);
    for (const ch of '醫師資麼䶮') expect(f.covers(ch)).toBe(false);
  });

  it('leaves out what is not in the subset: traditional-only characters, Extension A and B', async () => {
    const f = await loadLetterFont();
    // In the full 4.6 MB face, not in the subset.
    expect(f.covers('資')).toBe(false);
    expect(f.covers('麼')).toBe(false);
    expect(f.covers('醫')).toBe(false);
    // Neither in the face nor, for the first, in the list.
    expect(f.covers('㐀')).toBe(false);
    expect(f.covers('䶮')).toBe(false);
    expect(f.covers('𠀀')).toBe(false);
  });
});

describe('a name the font cannot draw', () => {
  it('prints whole when every character is in the font, and as a blank to write by hand otherwise', async () => {
    const f = await loadLetterFont();
    expect(printableName(f, '张晓明')).toBe('张晓明');
    expect(printableName(f, '阿卜杜热合曼·买买提明')).toBe('阿卜杜热合曼·买买提明');
    expect(printableName(f, 'Zhang San')).toBe('Zhang San');
    // A traditional-only character (in the old full face, not in the subset), an Extension A one.
    expect(printableName(f, '王資')).toBe('');
    expect(printableName(f, '李麼')).toBe('');
    expect(printableName(f, '刘䶮')).toBe('');
  });

  it('still renders the letter, with the name left blank, not missing-glyph boxes', async () => {
    const f = await loadLetterFont();
    const data = { idNumber: '11010519900307002X', phone: '13800138000', registrationNo: '2026990100001', generatedAt: new Date('2026-03-01T08:00:00Z') };
    const pdf = await renderCommitmentLetter({ ...data, name: '王資' }, f);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getAuthor()).toBe('王資');
    // The embedded glyphs are those of a letter without the name: 資 and 王 are not drawn.
    const blank = await renderCommitmentLetter({ ...data, name: '' }, f);
    expect(Math.abs(pdf.length - blank.length)).toBeLessThan(200);
    const printed = await renderCommitmentLetter({ ...data, name: '王晓明' }, f);
    expect(printed.length).toBeGreaterThan(blank.length + 200);
  });
});
