/**
 * The text of 附件2 临床实践训练经历满一年证明及个人承诺书 (seed) and a small line breaker for
 * Chinese form text with fill-in blanks: any character may end a line except where Chinese
 * typesetting forbids it (no closing punctuation at a line start, no opening one at a line
 * end), empty blanks are underlines that may continue on the next line like handwriting,
 * filled blanks (the candidate's name) stay whole, and full lines are justified.
 * Pure: widths come from the caller's `advance` function (the embedded font's metrics).
 */

/** The font shipped for these documents: a subset of the face (see scripts/subset-letter-font.ts). */
export const LETTER_FONT_FILE = 'WenQuanYiMicroHei-Subset.woff';
export const LETTER_FONT_FAMILY = 'WenQuanYi Micro Hei';

export type Run =
  | { kind: 'text'; text: string }
  /** A fill-in line `em` wide; with a value, the value printed on it (never split). */
  | { kind: 'blank'; em: number; value?: string };

export interface PlacedText {
  kind: 'text';
  text: string;
  x: number;
  /** Extra space after every character (PDF Tc), for justification. */
  charSpacing: number;
}
export interface PlacedLine {
  kind: 'underline';
  x: number;
  width: number;
  /** The value centred on the line, if any. */
  value?: string;
}
export type Placed = PlacedText | PlacedLine;

/** Characters that must not start a line. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’…—·%,.;:?!)]}']);
/** Characters that must not end a line. */
const NO_LINE_END = new Set([...'（《「『“‘([{']);

interface Token {
  kind: 'char' | 'blank-unit' | 'filled';
  text: string;
  width: number;
  /** Index of the run it came from (blank units of one run join into one underline). */
  run: number;
}

/** Advance width of one character at the given size, in points. */
export type Advance = (ch: string, size: number) => number;

function tokenize(runs: Run[], size: number, advance: Advance): Token[] {
  const out: Token[] = [];
  runs.forEach((r, i) => {
    if (r.kind === 'text') {
      for (const ch of r.text) out.push({ kind: 'char', text: ch, width: advance(ch, size), run: i });
    } else if (r.value) {
      const valueWidth = [...r.value].reduce((w, ch) => w + advance(ch, size), 0);
      out.push({ kind: 'filled', text: r.value, width: Math.max(r.em * size, valueWidth + size), run: i });
    } else {
      for (let k = 0; k < r.em; k++) out.push({ kind: 'blank-unit', text: '', width: size, run: i });
    }
  });
  return out;
}

/** Breaks a paragraph into lines of at most `width` points (the first indented by `indent`). */
export function breakLines(runs: Run[], opts: { width: number; size: number; indent?: number; advance: Advance }): Token[][] {
  const tokens = tokenize(runs, opts.size, opts.advance);
  const lines: Token[][] = [];
  let line: Token[] = [];
  let used = opts.indent ?? 0;
  for (const t of tokens) {
    if (used + t.width > opts.width + 0.01 && line.length > 0) {
      // Carry back characters so the new line does not start with closing punctuation,
      // and the old one does not end with an opening one.
      const carried: Token[] = [];
      if (t.kind === 'char' && NO_LINE_START.has(t.text)) {
        while (line.length > 1 && line[line.length - 1]!.kind === 'char' && NO_LINE_START.has(line[line.length - 1]!.text)) carried.unshift(line.pop()!);
        if (line.length > 1) carried.unshift(line.pop()!);
      }
      while (line.length > 1 && line[line.length - 1]!.kind === 'char' && NO_LINE_END.has(line[line.length - 1]!.text)) carried.unshift(line.pop()!);
      lines.push(line);
      line = carried;
      used = carried.reduce((w, c) => w + c.width, 0);
    }
    line.push(t);
    used += t.width;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * Places the tokens of one line from x0: text grouped into runs drawn with one character
 * spacing, blank units of one blank joined into one underline. Lines but the last are
 * stretched to `width` (justified).
 */
export function placeLine(line: Token[], opts: { x0: number; width: number; justify: boolean }): Placed[] {
  const natural = line.reduce((w, t) => w + t.width, 0);
  const gaps = line.length - 1;
  const spacing = opts.justify && gaps > 0 ? Math.max(0, (opts.width - natural) / gaps) : 0;
  const out: Placed[] = [];
  let x = opts.x0;
  let i = 0;
  while (i < line.length) {
    const t = line[i]!;
    if (t.kind === 'char') {
      let text = '';
      const start = x;
      while (i < line.length && line[i]!.kind === 'char') {
        text += line[i]!.text;
        x += line[i]!.width + spacing;
        i++;
      }
      out.push({ kind: 'text', text, x: start, charSpacing: spacing });
    } else if (t.kind === 'filled') {
      out.push({ kind: 'underline', x, width: t.width, value: t.text });
      x += t.width + spacing;
      i++;
    } else {
      const start = x;
      const run = t.run;
      let units = 0;
      let sum = 0;
      while (i < line.length && line[i]!.kind === 'blank-unit' && line[i]!.run === run) {
        sum += line[i]!.width;
        units++;
        i++;
      }
      out.push({ kind: 'underline', x: start, width: sum + (units - 1) * spacing });
      x = start + sum + units * spacing;
    }
  }
  return out;
}

export interface LetterFields {
  name: string;
  idNumber: string;
  phone: string;
}

/**
 * The two paragraphs of the seed's 附件2, with the candidate's name filled in and the rest
 * left blank (an empty name leaves a line of nameBlankEm, at least 4, to write it by hand).
 */
export function letterParagraphs(f: { name: string; nameBlankEm?: number }): Run[][] {
  const t = (text: string): Run => ({ kind: 'text', text });
  const blank = (em: number, value?: string): Run => (value ? { kind: 'blank', em, value } : { kind: 'blank', em });
  return [
    [
      t('本人'), blank(Math.max(4, f.nameBlankEm ?? 0), f.name || undefined), t('于'), blank(4), t('年'), blank(2), t('月'), blank(2), t('日毕业于'),
      blank(9), t('学校'), blank(7), t('专业。自'), blank(4), t('年'), blank(2), t('月起，在'), blank(9),
      t('单位进行临床实践训练，至'), blank(4), t('年'), blank(2), t('月临床实践训练时间满一年。'),
    ],
    [
      t('本人承诺所获学位证书为专业学位，并将于今年医学综合考试前，将后续临床实践训练经历累计满一年的证明及硕（博）士毕业证书原件及复印件、学位证书原件及复印件（研究生毕业当年报名考生）交至考点办公室审核。如不能按时提交则视为自动放弃当年医学综合考试资格。'),
    ],
  ];
}

export const LETTER_TEXT = {
  attachment: '附件2',
  titleLines: ['临床实践训练经历满一年证明', '及个人承诺书'],
  stampUnit: '临床实践单位（章）',
  stampSchool: '研究生院（章）',
  date: '年　　月　　日',
  signature: '承诺人签字：',
  idNumber: '承诺人身份证号：',
  phone: '手机号码：',
  note: '注：此证明仅限报考国家医师资格考试用，请考生凭此证明和学生证原件及复印件参加报名。',
} as const;
