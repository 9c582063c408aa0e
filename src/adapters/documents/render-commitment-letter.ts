/**
 * Draws 附件2 临床实践训练经历满一年证明及个人承诺书 as a one-page, print-ready A4 PDF with the
 * candidate's name, ID number and phone filled in, and every other blank (dates, school,
 * major, unit, signature, stamps) left to fill by hand, laid out as in the seed.
 *
 * The Chinese text uses the font the project ships (assets/fonts/WenQuanYiMicroHei-Subset.woff:
 * WenQuanYi Micro Hei cut to ASCII, Chinese punctuation and the 通用规范汉字表 characters it
 * has, TrueType outlines in a WOFF 1.0 wrapper, see scripts/subset-letter-font.ts); pdf-lib
 * embeds only the glyphs of each document, so a letter is a few KB. The font file is read,
 * unwrapped and parsed once per process. A name with a character the font lacks is left
 * blank to write by hand: coverage is read from the font itself.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  setLineWidth,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { isWoff, woffToSfnt } from './woff.js';
import { breakLines, LETTER_FONT_FILE, LETTER_TEXT, letterParagraphs, placeLine, type Advance, type LetterFields } from '../../domain/commitment-letter-layout.js';

export const DEFAULT_LETTER_FONT_PATH = fileURLToPath(new URL(`../../../assets/fonts/${LETTER_FONT_FILE}`, import.meta.url));

type FontkitFont = ReturnType<typeof fontkit.create>;

export interface LetterFont {
  bytes: Uint8Array;
  font: FontkitFont;
  /** Does the font draw this character (else it would print as an empty box)? */
  covers(text: string): boolean;
}

const fonts = new Map<string, Promise<LetterFont>>();

/**
 * Reads and parses the letter font once per path: a TrueType font, or one wrapped in WOFF 1.0
 * (unwrapped here, so pdf-lib subsets and embeds the plain TrueType font).
 */
export function loadLetterFont(path: string = DEFAULT_LETTER_FONT_PATH): Promise<LetterFont> {
  let p = fonts.get(path);
  if (!p) {
    p = readFile(path).then((file) => {
      const buf = isWoff(file) ? woffToSfnt(file) : file;
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      const font = fontkit.create(bytes);
      return {
        bytes,
        font,
        covers: (text: string) => [...text].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!)),
      };
    });
    p.catch(() => fonts.delete(path));
    fonts.set(path, p);
  }
  return p;
}

/**
 * The name as the letter prints it: whole when the shipped font draws every character of it,
 * else '' (a blank line to write it by hand), never a name with empty boxes or holes.
 */
export function printableName(lf: LetterFont, name: string): string {
  return lf.covers(name) ? name : '';
}

export interface LetterData extends LetterFields {
  registrationNo: string;
  generatedAt: Date;
}

// A4 in points, margins close to the GB/T 9704 official-document page (28 mm left, 26 mm right).
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 79.4, right: 73.7, top: 76, bottom: 60 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY = 15; // 小三
const LEADING = 29;
const ROW = 32;
const TITLE = 22; // 二号
const NOTE = 10.5; // 五号
const INK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);

/** Renders the letter; returns the PDF bytes. */
export async function renderCommitmentLetter(data: LetterData, letterFont?: LetterFont): Promise<Uint8Array> {
  const lf = letterFont ?? (await loadLetterFont());
  const doc = await PDFDocument.create();
  // The parsed font is shared: pdf-lib asks fontkit to parse the bytes, we hand back the parsed copy.
  doc.registerFontkit({ create: () => lf.font } as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(lf.bytes, { subset: true });
  doc.setTitle('临床实践训练经历满一年证明及个人承诺书');
  doc.setSubject(`国家医师资格考试 附件2 · 报名号 ${data.registrationNo}`);
  doc.setAuthor(data.name);
  doc.setCreator('国家医学考试考生服务系统');
  doc.setProducer('国家医学考试考生服务系统');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(data.generatedAt);
  doc.setModificationDate(data.generatedAt);

  const page = doc.addPage([PAGE.width, PAGE.height]);
  const unitsPerEm = lf.font.unitsPerEm;
  const advance: Advance = (ch, size) => (lf.font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / unitsPerEm) * size;
  const widthOf = (text: string, size: number) => [...text].reduce((w, ch) => w + advance(ch, size), 0);
  const yOf = (top: number) => PAGE.height - top;

  let top = MARGIN.top + BODY;
  text(page, font, LETTER_TEXT.attachment, MARGIN.left, yOf(top), BODY);

  top += 58;
  for (const line of LETTER_TEXT.titleLines) {
    const w = widthOf(line, TITLE);
    bold(page, () => text(page, font, line, MARGIN.left + (TEXT_WIDTH - w) / 2, yOf(top), TITLE));
    top += TITLE * 1.6;
  }

  // The blocks at the foot are anchored to the bottom of the page; the paragraphs flow
  // from the top into the room left above them (a long name only tightens the lines).
  const footerTop = PAGE.height - 28;
  const noteTop = PAGE.height - 62;
  const rowsTop = noteTop - 44 - 2 * ROW;
  const dateTop = rowsTop - 52;
  const stampTop = dateTop - 64;
  const bodyLimit = stampTop - 44;

  top += 26;
  // A name the font cannot fully draw is left blank to write by hand rather than printed with holes.
  const name = printableName(lf, data.name);
  const laidOut = letterParagraphs({ name, nameBlankEm: [...data.name].length + 2 }).map((runs) => breakLines(runs, { width: TEXT_WIDTH, size: BODY, indent: 2 * BODY, advance }));
  const lineCount = laidOut.reduce((n, lines) => n + lines.length, 0);
  const leading = Math.min(LEADING, (bodyLimit - top) / Math.max(1, lineCount - 1));
  for (const lines of laidOut) {
    lines.forEach((line, i) => {
      const x0 = MARGIN.left + (i === 0 ? 2 * BODY : 0);
      const placed = placeLine(line, { x0, width: TEXT_WIDTH - (x0 - MARGIN.left), justify: i < lines.length - 1 });
      for (const p of placed) {
        if (p.kind === 'text') {
          spaced(page, p.charSpacing, () => text(page, font, p.text, p.x, yOf(top), BODY));
        } else {
          underline(page, p.x, yOf(top), p.width);
          if (p.value) text(page, font, p.value, p.x + (p.width - widthOf(p.value, BODY)) / 2, yOf(top), BODY);
        }
      }
      top += leading;
    });
  }

  // Stamps of the training unit and of the graduate school, each with its date.
  const leftX = MARGIN.left + 2 * BODY;
  const rightX = MARGIN.left + TEXT_WIDTH * 0.6;
  text(page, font, LETTER_TEXT.stampUnit, leftX, yOf(stampTop), BODY);
  text(page, font, LETTER_TEXT.stampSchool, rightX, yOf(stampTop), BODY);
  text(page, font, LETTER_TEXT.date, leftX + 2 * BODY, yOf(dateTop), BODY);
  text(page, font, LETTER_TEXT.date, rightX + BODY, yOf(dateTop), BODY);

  // The candidate's own lines: signature by hand, ID number and phone printed in full.
  const signX = MARGIN.left + TEXT_WIDTH * 0.38;
  const rows: Array<[string, string]> = [
    [LETTER_TEXT.signature, ''],
    [LETTER_TEXT.idNumber, data.idNumber],
    [LETTER_TEXT.phone, data.phone],
  ];
  rows.forEach(([label, value], i) => {
    const y = yOf(rowsTop + i * ROW);
    text(page, font, label, signX, y, BODY);
    const vx = signX + widthOf(label, BODY);
    if (value) text(page, font, value, vx + 4, y, BODY);
    else underline(page, vx, y, MARGIN.left + TEXT_WIDTH - vx);
  });

  // 注 (one line at 五号), then a small grey line naming where the form came from.
  const note = breakLines([{ kind: 'text', text: LETTER_TEXT.note }], { width: TEXT_WIDTH, size: NOTE, advance });
  note.forEach((line, i) => {
    for (const p of placeLine(line, { x0: MARGIN.left, width: TEXT_WIDTH, justify: i < note.length - 1 })) {
      if (p.kind === 'text') spaced(page, p.charSpacing, () => text(page, font, p.text, p.x, yOf(noteTop + i * NOTE * 1.6), NOTE));
    }
  });
  const footer = `报名号 ${data.registrationNo} · 由国家医学考试考生服务系统生成，打印后手写填写空白处`;
  text(page, font, footer, MARGIN.left, yOf(footerTop), 7.5, GREY);

  return doc.save();
}

function text(page: PDFPage, font: PDFFont, s: string, x: number, y: number, size: number, color = INK) {
  page.drawText(s, { x, y, size, font, color });
}

function underline(page: PDFPage, x: number, y: number, width: number) {
  page.drawLine({ start: { x, y: y - 3.5 }, end: { x: x + width, y: y - 3.5 }, thickness: 0.7, color: INK });
}

/** Draws with extra space after each character (PDF Tc): how a justified line is spread. */
function spaced(page: PDFPage, spacing: number, draw: () => void) {
  if (spacing <= 0.001) return draw();
  page.pushOperators(pushGraphicsState(), setCharacterSpacing(spacing));
  draw();
  page.pushOperators(popGraphicsState());
}

/** The font has one weight: headings are filled and outlined to look bold. */
function bold(page: PDFPage, draw: () => void) {
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(0.7));
  draw();
  page.pushOperators(popGraphicsState());
}
