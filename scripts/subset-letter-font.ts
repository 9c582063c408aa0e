/**
 * Builds the font of the pre-filled documents (附件2 承诺书 PDF):
 * `assets/fonts/WenQuanYiMicroHei-Subset.woff`, the "WenQuanYi Micro Hei" face of Debian's
 * fonts-wqy-microhei collection (`wqy-microhei.ttc`, Apache-2.0, see
 * assets/fonts/LICENSE-Apache-2.0-WenQuanYiMicroHei.txt) cut down from ~34,600 characters
 * (4.6 MB) to what a letter can need (~0.7 MB):
 *
 *   - printable ASCII and Latin-1 (ID numbers, phone numbers, registration numbers);
 *   - the full-width forms and the CJK / general punctuation and symbols of Chinese text,
 *     with every middle dot people type between the parts of a minority or foreign name;
 *   - the 8,105 characters of 通用规范汉字表 (2013), read from the Unicode Character Database
 *     (7,829 of them: the face has none of the 276 in CJK Extension A/B+ and U+9FCD–9FCF).
 *
 * TrueType outlines are kept, as are the family and PostScript names, so pdf-lib/fontkit
 * embed it exactly as before (each PDF still carries only the glyphs it draws). Those
 * ~14,400 glyphs (with the components of composite ones) are ~1.2 MB of outlines, so the
 * TrueType subset is stored losslessly zlib-compressed in a WOFF 1.0 wrapper, which
 * render-commitment-letter.ts unwraps when it loads the font (src/adapters/documents/woff.ts).
 * A name with a character outside the subset is left blank on the letter, to write by hand
 * (render-commitment-letter.ts reads the coverage from the shipped font).
 *
 *   npx tsx scripts/subset-letter-font.ts [--source /path/wqy-microhei.ttc] [--unihan /path/Unihan_OtherMappings.txt[.bz2]]
 *
 * The character list comes from Unihan's property kTGH ("2013:serial": the character is
 * number serial of the table), checked to be exactly serials 1–8105. Without --source and
 * --unihan the script uses the installed Debian files (fonts-wqy-microhei, unicode-data), or
 * fetches each .deb with `apt-get download` into a temp dir and unpacks it there (nothing is
 * installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import {
  faceOfFamily,
  missingCharacters,
  readCmapCodepoints,
  readFontNames,
} from '../src/adapters/image/font-file.js';
import { sfntToWoff, woffToSfnt } from '../src/adapters/documents/woff.js';
import { LETTER_FONT_FAMILY, LETTER_FONT_FILE, LETTER_TEXT, letterParagraphs } from '../src/domain/commitment-letter-layout.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FONT_DEBIAN = { pkg: 'fonts-wqy-microhei', path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' };
const UNIHAN_DEBIAN = { pkg: 'unicode-data', path: '/usr/share/unicode/Unihan_OtherMappings.txt.bz2' };
const LIST_SIZE = 8105;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
}

/** A file of a Debian package: the given path, the installed file, or the .deb unpacked in a temp dir. */
function debianFile(deb: { pkg: string; path: string }, given: string | undefined): { path: string; cleanup: () => void } {
  if (given) return { path: resolve(given), cleanup: () => {} };
  if (existsSync(deb.path)) return { path: deb.path, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), `${deb.pkg}-`));
  console.log(`fetching Debian package ${deb.pkg} into ${dir} ...`);
  execFileSync('apt-get', ['download', deb.pkg], { cwd: dir, stdio: 'inherit' });
  const file = readdirSync(dir).find((f) => f.endsWith('.deb'));
  if (!file) throw new Error(`apt-get download ${deb.pkg} produced no .deb (run apt-get update first)`);
  execFileSync('dpkg-deb', ['-x', join(dir, file), join(dir, 'x')], { stdio: 'inherit' });
  return { path: join(dir, 'x', deb.path), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Non-CJK characters of the subset: printable ASCII, Latin-1, punctuation and symbols of Chinese text. */
function symbolCharset(): string {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');
  return [
    range(0x20, 0x7e), // printable ASCII
    range(0xa0, 0xff), // Latin-1: ·, ×, °, ¥, accented letters
    range(0xff01, 0xff5e), // full-width ASCII: ！＂＃％（）＊＋，－．／０–９：；？Ａ–Ｚａ–ｚ～
    '￠￡￢￣￤￥',
    range(0x3000, 0x3011), // 　、。〃〄々〆〇〈〉《》「」『』【】
    range(0x3013, 0x301f), // 〓〔〕〖〗〘〙〚〛〜〝〞〟
    '・ー', // katakana middle dot (another way people type the dot of a name), prolonged sound mark
    '‐‑‒–—―‖‘’‚“”„†‡•‥…‧‰′″‵※', // general punctuation (— and … doubled as ——, ……)
    '∙⋅', // more look-alikes of the name dot
    '℃℉№™←↑→↓√∞∶≈≠≤≥①②③④⑤⑥⑦⑧⑨⑩■□▲△◆◇○◎●★☆', // symbols of forms and notes
  ].join('');
}

/** The 8,105 characters of 通用规范汉字表 in table order, from Unihan's kTGH ("2013:serial"). */
function tongguiFromUnihan(unihanPath: string): { chars: string[]; version: string } {
  const text = unihanPath.endsWith('.bz2') ? execFileSync('bzcat', [unihanPath], { maxBuffer: 1 << 28 }).toString('utf8') : readFileSync(unihanPath, 'utf8');
  const version = /^# Unicode version: (.+)$/m.exec(text)?.[1] ?? 'unknown';
  const bySerial = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = /^U\+([0-9A-F]{4,6})\tkTGH\t(.+)$/.exec(line);
    if (!m) continue;
    for (const value of m[2]!.split(' ')) {
      const v = /^2013:(\d+)$/.exec(value);
      if (!v) continue;
      const serial = Number(v[1]);
      if (bySerial.has(serial)) throw new Error(`serial ${serial} given to two characters`);
      bySerial.set(serial, String.fromCodePoint(parseInt(m[1]!, 16)));
    }
  }
  const chars = Array.from({ length: LIST_SIZE }, (_, i) => bySerial.get(i + 1));
  const gaps = chars.flatMap((c, i) => (c ? [] : [i + 1]));
  if (bySerial.size !== LIST_SIZE || gaps.length > 0 || new Set(chars).size !== LIST_SIZE) {
    throw new Error(`${unihanPath}: ${bySerial.size} kTGH 2013 entries, missing serials ${gaps.slice(0, 10).join(', ')}`);
  }
  return { chars: chars as string[], version };
}

/**
 * Pads every glyph of a TrueType font to a multiple of 4 bytes (as the spec recommends and
 * the source face has them). harfbuzz leaves glyphs unpadded under a long 'loca'; fontkit's
 * subsetter (what pdf-lib embeds with) copies glyphs as they are and, for a small subset,
 * writes a short 'loca' that stores offsets halved, so one odd-length glyph shifts every
 * glyph after it: the PDF then shows blanks where the characters should be.
 */
function padGlyphs(sfnt: Buffer): Buffer {
  const numTables = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const r = 12 + i * 16;
    const offset = sfnt.readUInt32BE(r + 8);
    return { tag: sfnt.toString('latin1', r, r + 4), offset, data: Buffer.from(sfnt.subarray(offset, offset + sfnt.readUInt32BE(r + 12))) };
  });
  const get = (tag: string) => {
    const t = tables.find((x) => x.tag === tag);
    if (!t) throw new Error(`font has no '${tag}' table`);
    return t;
  };
  const head = get('head');
  const loca = get('loca');
  const glyf = get('glyf');
  const numGlyphs = get('maxp').data.readUInt16BE(4);
  const long = head.data.readInt16BE(50) === 1;
  const offsetAt = (i: number) => (long ? loca.data.readUInt32BE(i * 4) : loca.data.readUInt16BE(i * 2) * 2);
  const pieces: Buffer[] = [];
  const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
  let at = 0;
  for (let g = 0; g < numGlyphs; g++) {
    const glyph = glyf.data.subarray(offsetAt(g), offsetAt(g + 1));
    newLoca.writeUInt32BE(at, g * 4);
    pieces.push(glyph, Buffer.alloc(((glyph.length + 3) & ~3) - glyph.length));
    at += (glyph.length + 3) & ~3;
  }
  newLoca.writeUInt32BE(at, numGlyphs * 4);
  glyf.data = Buffer.concat(pieces);
  loca.data = newLoca;
  head.data.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  head.data.writeUInt32BE(0, 8); // checkSumAdjustment, set below

  // Same directory (sorted by tag), tables in their original order, fresh checksums.
  const checksum = (b: Buffer) => {
    let sum = 0;
    const padded = Buffer.concat([b, Buffer.alloc(((b.length + 3) & ~3) - b.length)]);
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    return sum;
  };
  const order = [...tables].sort((a, b) => a.offset - b.offset);
  const offsets = new Map<string, number>();
  let end = 12 + numTables * 16;
  for (const t of order) {
    offsets.set(t.tag, end);
    end += (t.data.length + 3) & ~3;
  }
  const out = Buffer.alloc(end);
  sfnt.copy(out, 0, 0, 12);
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    out.write(t.tag, r, 4, 'latin1');
    out.writeUInt32BE(checksum(t.data), r + 4);
    out.writeUInt32BE(offsets.get(t.tag)!, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    t.data.copy(out, offsets.get(t.tag)!);
  });
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, offsets.get('head')! + 8);
  return out;
}

async function buildFont(): Promise<void> {
  const unihan = debianFile(UNIHAN_DEBIAN, argValue('--unihan'));
  let tonggui: string[];
  try {
    const list = tongguiFromUnihan(unihan.path);
    tonggui = list.chars;
    console.log(`通用规范汉字表: ${tonggui.length} characters from Unicode ${list.version}`);
  } finally {
    unihan.cleanup();
  }
  const source = debianFile(FONT_DEBIAN, argValue('--source'));
  try {
    const bytes = readFileSync(source.path);
    const { face, index, faces } = faceOfFamily(bytes, LETTER_FONT_FAMILY, source.path);
    if (faces) console.log(`using face ${index} of ${faces} in ${source.path}`);

    // Only what the face has: asking for a character it lacks would just be dropped.
    const have = readCmapCodepoints(face);
    const wanted = [...new Set([...symbolCharset(), ...tonggui])];
    const charset = wanted.filter((ch) => have.has(ch.codePointAt(0)!));
    const absent = tonggui.filter((ch) => !have.has(ch.codePointAt(0)!));
    const letterText = [
      ...letterParagraphs({ name: '' }).flat().map((r) => (r.kind === 'text' ? r.text : '')),
      ...Object.values(LETTER_TEXT).flat(),
    ].join('');
    const letterMissing = missingCharacters(face, letterText);
    if (letterMissing.length > 0) throw new Error(`the face cannot draw the letter's own text: ${letterMissing.join('')}`);

    const subset = padGlyphs(await subsetFont(face, charset.join(''), {
      targetFormat: 'sfnt',
      // Only the glyphs of the listed characters (no vertical or alternate forms).
      noLayoutClosure: true,
      // Keep the copyright, family, PostScript name, version and licence records (Apache-2.0 §4).
      preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14],
    }));
    const outNames = readFontNames(subset);
    if (outNames.family !== LETTER_FONT_FAMILY) throw new Error(`subset family is "${outNames.family}"`);
    if (subset.readUInt32BE(0) !== 0x00010000) throw new Error('subset does not have TrueType outlines');
    const covered = readCmapCodepoints(subset);
    const lost = charset.filter((ch) => !covered.has(ch.codePointAt(0)!));
    if (lost.length > 0) throw new Error(`subset lacks ${lost.join('')}`);
    const missingLetter = missingCharacters(subset, letterText);
    if (missingLetter.length > 0) throw new Error(`subset lacks letter text ${missingLetter.join('')}`);
    // The glyphs alone are ~1.2 MB: the file is the TrueType subset zlib-compressed in WOFF 1.0.
    const woff = sfntToWoff(subset);
    if (!woffToSfnt(woff).equals(subset)) throw new Error('WOFF round trip does not give back the subset');
    if (woff.length >= 1024 * 1024) throw new Error(`subset is ${woff.length} bytes, over 1 MB`);

    const out = join(root, 'assets', 'fonts', LETTER_FONT_FILE);
    writeFileSync(out, woff);
    console.log(
      `wrote ${out}: ${woff.length} bytes (TrueType subset ${subset.length}, face ${face.length}), ${covered.size} characters: ` +
        `${tonggui.length - absent.length} of the ${tonggui.length} of 通用规范汉字表 ` +
        `(the face lacks ${absent.length}: ${absent.slice(0, 12).join('')}…), ${charset.length - tonggui.length + absent.length} others; ` +
        `family "${outNames.family}", ${outNames.version ?? ''}`,
    );
  } finally {
    source.cleanup();
  }
}

buildFont().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
