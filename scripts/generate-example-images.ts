/**
 * Generates the example images (示例) of the material catalog: one PNG per
 * category code in assets/examples/<code>.png.
 *
 * Every image is a drawn schematic with fictional placeholder data (张三,
 * 某某医学院, 110101********1234 …), never a real person's document, and carries a
 * large diagonal "示例 SAMPLE" stamp plus the line "仅供参考，请上传本人真实材料".
 *
 * Developer step, not a runtime step: the PNGs are committed. Needs the CJK font
 * "WenQuanYi Micro Hei" visible to fontconfig (Debian/Ubuntu:
 * `apt-get install -y fonts-wqy-microhei`). Run:
 *
 *   npx tsx scripts/generate-example-images.ts
 *
 * Idempotent: the same inputs give the same files; unchanged files are not rewritten.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const FONT_FAMILY = 'WenQuanYi Micro Hei';
const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'examples');

const W = 800;
const H = 560;
const BANNER_H = 48;

const RED = '#d0021b';
const INK = '#1f2a37';
const GREY = '#6b7280';
const LINE = '#9aa4b2';
const FILL_INK = '#1d4ed8'; // "handwritten" filled-in values on forms
const SEAL_RED = '#e0302f';

// ---------------------------------------------------------------- primitives

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface TextOpts {
  size?: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  spacing?: number;
  opacity?: number;
}

function text(x: number, y: number, s: string, o: TextOpts = {}): string {
  const attrs = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${o.size ?? 16}"`,
    `fill="${o.fill ?? INK}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.bold ? `font-weight="bold" stroke="${o.fill ?? INK}" stroke-width="${((o.size ?? 16) / 40).toFixed(2)}"` : '',
    o.spacing ? `letter-spacing="${o.spacing}"` : '',
    o.opacity !== undefined ? `opacity="${o.opacity}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** Approximate advance width of a string in this font (CJK = 1em). */
function measure(s: string, size: number): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80) w += 1;
    else if (ch === ' ') w += 0.3;
    else if (/[0-9]/.test(ch)) w += 0.56;
    else if (/[A-Z]/.test(ch)) w += 0.64;
    else w += 0.52;
  }
  return w * size;
}

interface Seg {
  t: string;
  /** a filled-in value: drawn in blue ink and underlined */
  v?: boolean;
}

const NO_LINE_START = new Set([...'，。、；：？！）》」』”’,.;:?!)%']);

/**
 * Wraps runs of text (plain and filled-in values) into lines no wider than `width`.
 * Filled-in values and runs of Latin letters/digits never break; closing punctuation
 * never starts a line.
 */
function wrapSegs(segs: Seg[], width: number, size: number): Seg[][] {
  // Tokens: a whole filled-in value, a run of non-space ASCII, a space, or one CJK char.
  const tokens: Seg[] = [];
  for (const seg of segs) {
    if (seg.v) {
      tokens.push(seg);
      continue;
    }
    for (const m of seg.t.matchAll(/[\x21-\x7e]+| |[^\x20-\x7e]/gu)) tokens.push({ t: m[0] });
  }
  const lines: Seg[][] = [];
  let line: Seg[] = [];
  let lineW = 0;
  for (const tok of tokens) {
    const tw = measure(tok.t, size);
    const head = [...tok.t][0] ?? '';
    if (lineW + tw > width && line.length > 0 && !NO_LINE_START.has(head)) {
      lines.push(line);
      line = [];
      lineW = 0;
      if (tok.t === ' ') continue;
    }
    const last = line[line.length - 1];
    if (last && !last.v && !tok.v) last.t += tok.t;
    else line.push({ ...tok });
    lineW += tw;
  }
  if (line.length) lines.push(line);
  return lines;
}

function para(
  x: number,
  y: number,
  width: number,
  segs: Seg[] | string,
  o: { size?: number; lh?: number; fill?: string; indent?: boolean } = {},
): { svg: string; bottom: number } {
  const size = o.size ?? 16;
  const lh = o.lh ?? Math.round(size * 1.7);
  const list: Seg[] = typeof segs === 'string' ? [{ t: segs }] : segs;
  const first = list[0];
  if (o.indent && first) list[0] = { ...first, t: '\u3000\u3000' + first.t };
  const lines = wrapSegs(list, width, size);
  const out = lines.map((ln, i) => {
    const spans = ln
      .map((s) =>
        s.v
          ? `<tspan fill="${FILL_INK}" text-decoration="underline">${esc(s.t)}</tspan>`
          : `<tspan>${esc(s.t)}</tspan>`,
      )
      .join('');
    return `<text x="${x}" y="${y + i * lh}" font-size="${size}" fill="${o.fill ?? INK}">${spans}</text>`;
  });
  return { svg: out.join(''), bottom: y + (lines.length - 1) * lh };
}

function rect(x: number, y: number, w: number, h: number, fill = 'none', stroke = 'none', sw = 1, rx = 0): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"${rx ? ` rx="${rx}"` : ''}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke = LINE, sw = 1): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${sw}"/>`;
}

function starPoints(cx: number, cy: number, r: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.4;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

/** A fictional round seal: name along the top arc, a star, an optional label below. */
function seal(cx: number, cy: number, r: number, name: string, label = ''): string {
  const chars = [...name];
  const n = chars.length;
  const span = Math.min(250, n * 30); // degrees of arc used by the name
  const rr = r * 0.76;
  const fs = Math.min(r * 0.32, ((2 * Math.PI * rr * (span / 360)) / n) * 0.8);
  const parts: string[] = [];
  parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${SEAL_RED}" stroke-width="${Math.max(2, r / 18).toFixed(1)}"/>`);
  chars.forEach((ch, i) => {
    const deg = -90 - span / 2 + (n === 1 ? span / 2 : (i * span) / (n - 1));
    const a = (deg * Math.PI) / 180;
    const x = cx + rr * Math.cos(a);
    const y = cy + rr * Math.sin(a);
    parts.push(
      `<text x="0" y="0" font-size="${fs.toFixed(1)}" fill="${SEAL_RED}" text-anchor="middle" dominant-baseline="central" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${(deg + 90).toFixed(1)})">${esc(ch)}</text>`,
    );
  });
  parts.push(`<polygon points="${starPoints(cx, cy, r * 0.26)}" fill="${SEAL_RED}"/>`);
  if (label) parts.push(text(cx, cy + r * 0.58, label, { size: Math.round(r * 0.2), fill: SEAL_RED, anchor: 'middle' }));
  return `<g opacity="0.85">${parts.join('')}</g>`;
}

/** Placeholder portrait: a grey silhouette, obviously not a photo of anyone. */
function photo(x: number, y: number, w: number, h: number, bg = '#dbe4ee', caption = ''): string {
  const cx = x + w / 2;
  const headR = Math.min(w, h) * 0.2;
  const headY = y + h * 0.38;
  const parts = [
    rect(x, y, w, h, bg, '#8a98a8', 1),
    `<circle cx="${cx}" cy="${headY}" r="${headR}" fill="#8a98a8"/>`,
    `<path d="M ${x + w * 0.14} ${y + h} Q ${x + w * 0.16} ${headY + headR * 1.4} ${cx} ${headY + headR * 1.3} Q ${x + w * 0.84} ${headY + headR * 1.4} ${x + w * 0.86} ${y + h} Z" fill="#8a98a8"/>`,
  ];
  if (caption) parts.push(text(cx, y + h + 18, caption, { size: 12, fill: GREY, anchor: 'middle' }));
  return parts.join('');
}

/** A deterministic QR-code-like pattern (not a real code). */
function qrLike(x: number, y: number, size: number, seed: number): string {
  const n = 25;
  const m = size / n;
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const inFinder = (i: number, j: number): boolean =>
    (i < 8 && j < 8) || (i < 8 && j >= n - 8) || (i >= n - 8 && j < 8);
  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (inFinder(i, j)) continue;
      if (rnd() < 0.5) cells.push(`M${(x + j * m).toFixed(2)} ${(y + i * m).toFixed(2)}h${m.toFixed(2)}v${m.toFixed(2)}h-${m.toFixed(2)}z`);
    }
  }
  const finder = (fx: number, fy: number): string =>
    rect(fx + m / 2, fy + m / 2, 6 * m, 6 * m, 'none', '#111', m) + rect(fx + 2 * m, fy + 2 * m, 3 * m, 3 * m, '#111');
  return [
    rect(x - m, y - m, size + 2 * m, size + 2 * m, '#fff'),
    `<path d="${cells.join('')}" fill="#111"/>`,
    finder(x, y),
    finder(x + (n - 7) * m, y),
    finder(x, y + (n - 7) * m),
  ].join('');
}

/** White page with a soft drop shadow. */
function page(x: number, y: number, w: number, h: number, fill = '#ffffff'): string {
  return rect(x + 4, y + 5, w, h, '#c3cad3', 'none', 0, 3) + rect(x, y, w, h, fill, '#b8c0ca', 1, 3);
}

/** A two-column labelled table; each row is [label, value] pairs (1 or 2 per row). */
function table(
  x: number,
  y: number,
  w: number,
  rowH: number,
  rows: Array<Array<[string, string]>>,
  o: { labelW?: number; size?: number } = {},
): { svg: string; bottom: number } {
  const labelW = o.labelW ?? 96;
  const size = o.size ?? 14;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const ry = y + i * rowH;
    const cellW = w / row.length;
    row.forEach(([label, value], j) => {
      const cx = x + j * cellW;
      parts.push(rect(cx, ry, labelW, rowH, '#f1f4f8'));
      parts.push(rect(cx, ry, cellW, rowH, 'none', LINE, 1));
      parts.push(line(cx + labelW, ry, cx + labelW, ry + rowH));
      parts.push(text(cx + labelW / 2, ry + rowH / 2 + size * 0.36, label, { size, fill: GREY, anchor: 'middle' }));
      parts.push(text(cx + labelW + 10, ry + rowH / 2 + size * 0.36, value, { size, fill: INK }));
    });
  });
  return { svg: parts.join(''), bottom: y + rows.length * rowH };
}

/** Side panel listing what the material must show. */
function tipsPanel(x: number, y: number, w: number, h: number, title: string, tips: string[]): string {
  const parts = [rect(x, y, w, h, '#ffffff', '#d3d9e1', 1, 8), text(x + 16, y + 32, title, { size: 17, bold: true })];
  let ty = y + 64;
  for (const tip of tips) {
    parts.push(`<circle cx="${x + 22}" cy="${ty - 5}" r="3.5" fill="${RED}"/>`);
    const p = para(x + 34, ty, w - 48, tip, { size: 14, lh: 21 });
    parts.push(p.svg);
    ty = p.bottom + 30;
  }
  return parts.join('');
}

/** The diagonal 示例 SAMPLE stamp and the bottom banner with the reference-only line. */
function sampleMarks(width: number, height: number, name: string, cx: number, cy: number): string {
  const stamp = `<g transform="rotate(-22 ${cx} ${cy})" opacity="0.6">
    ${rect(cx - 290, cy - 66, 580, 132, 'none', RED, 7, 16)}
    ${rect(cx - 276, cy - 52, 552, 104, 'none', RED, 2, 10)}
    ${text(cx, cy + 30, '示例 SAMPLE', { size: 84, fill: RED, anchor: 'middle', bold: true })}
  </g>`;
  const by = height - BANNER_H;
  const badgeW = 64;
  const banner = [
    rect(0, by, width, BANNER_H, '#fff1f0'),
    line(0, by, width, by, RED, 2),
    rect(14, by + 9, badgeW, 30, RED, 'none', 0, 4),
    text(14 + badgeW / 2, by + 31, '示例', { size: 19, fill: '#ffffff', anchor: 'middle', bold: true }),
    text(14 + badgeW + 12, by + 31, name, { size: 18, fill: INK }),
    text(width - 16, by + 32, '仅供参考，请上传本人真实材料', { size: 21, fill: RED, anchor: 'end', bold: true }),
  ].join('');
  return stamp + banner;
}

function svgDoc(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">${body}</svg>`;
}

// ------------------------------------------------------------ shared layouts

const BG = '#e9edf2';
const CONTENT_H = H - BANNER_H;

/** Landscape certificate page with a double decorative border. */
function certificatePage(color: string): { svg: string; x: number; y: number; w: number; h: number } {
  const x = 30;
  const y = 18;
  const w = W - 60;
  const h = CONTENT_H - 36;
  const svg =
    page(x, y, w, h, '#fffdf7') +
    rect(x + 10, y + 10, w - 20, h - 20, 'none', color, 4) +
    rect(x + 18, y + 18, w - 36, h - 36, 'none', color, 1);
  return { svg, x, y, w, h };
}

/** Portrait-ish form page on the left, tips on the right. */
const FORM = { x: 24, y: 16, w: 540, h: CONTENT_H - 30 };
const TIPS = { x: FORM.x + FORM.w + 20, y: FORM.y, w: W - (FORM.x + FORM.w + 20) - 20, h: FORM.h };

function formLayout(name: string, body: string, tips: string[]): string {
  return svgDoc(
    W,
    H,
    rect(0, 0, W, H, BG) +
      page(FORM.x, FORM.y, FORM.w, FORM.h) +
      body +
      tipsPanel(TIPS.x, TIPS.y, TIPS.w, TIPS.h, '材料要点', tips) +
      sampleMarks(W, H, name, FORM.x + FORM.w / 2, FORM.y + FORM.h / 2),
  );
}

function certificateLayout(name: string, color: string, body: (p: { x: number; y: number; w: number; h: number }) => string): string {
  const p = certificatePage(color);
  return svgDoc(W, H, rect(0, 0, W, H, BG) + p.svg + body(p) + sampleMarks(W, H, name, W / 2, CONTENT_H / 2 + 10));
}

/** An opened booklet certificate (two inner pages). */
function bookletLayout(
  name: string,
  cover: string,
  left: (x: number, y: number, w: number, h: number) => string,
  right: (x: number, y: number, w: number, h: number) => string,
): string {
  const x = 30;
  const y = 18;
  const w = W - 60;
  const h = CONTENT_H - 36;
  const half = w / 2;
  const body =
    rect(x - 8 + 4, y - 8 + 5, w + 16, h + 16, '#c3cad3', 'none', 0, 8) +
    rect(x - 8, y - 8, w + 16, h + 16, cover, 'none', 0, 8) +
    rect(x, y, half - 2, h, '#fffdf7') +
    rect(x + half + 2, y, half - 2, h, '#fffdf7') +
    line(x + half, y, x + half, y + h, '#7d8794', 2) +
    left(x, y, half - 2, h) +
    right(x + half + 2, y, half - 2, h);
  return svgDoc(W, H, rect(0, 0, W, H, BG) + body + sampleMarks(W, H, name, W / 2, CONTENT_H / 2 + 10));
}

function fields(
  x: number,
  y: number,
  rows: Array<[string, string]>,
  o: { size?: number; lh?: number; labelW?: number; width?: number } = {},
): string {
  const size = o.size ?? 15;
  const lh = o.lh ?? 34;
  const labelW = o.labelW ?? 100;
  const width = o.width ?? 300;
  return rows
    .map(([label, value], i) => {
      const ry = y + i * lh;
      return (
        text(x, ry, label, { size, fill: GREY }) +
        text(x + labelW, ry, value, { size, fill: INK }) +
        line(x, ry + 9, x + width, ry + 9, '#d5dae1', 1)
      );
    })
    .join('');
}

function signLine(x: number, y: number, label: string, value: string, size = 14, width = 200): string {
  const lw = measure(label, size);
  return (
    text(x, y, label, { size }) +
    line(x + lw + 4, y + 5, x + lw + 4 + width, y + 5, INK, 1) +
    text(x + lw + 12, y, value, { size, fill: FILL_INK })
  );
}

// ------------------------------------------------------------------ catalog

const FAKE_ID = '110101********1234';
const FAKE_PHONE = '138****0000';

function idCard(): string {
  const CW = 856;
  const CH = 540;
  const cardW = 392;
  const cardH = Math.round(cardW / 1.585);
  const gap = 24;
  const cx0 = (CW - (2 * cardW + gap)) / 2;
  const cy0 = 84;
  const card = (x: number, y: number): string =>
    rect(x + 4, y + 5, cardW, cardH, '#c3cad3', 'none', 0, 16) +
    rect(x, y, cardW, cardH, '#eef5f8', '#9fb3c4', 1.5, 16) +
    `<path d="M ${x + 10} ${y + cardH - 40} C ${x + 120} ${y + cardH - 90}, ${x + 260} ${y + cardH - 10}, ${x + cardW - 10} ${y + cardH - 60}" fill="none" stroke="#d3e3ec" stroke-width="10"/>`;

  // 人像面 (front)
  const fx = cx0;
  const front =
    card(fx, cy0) +
    text(fx + 24, cy0 + 46, '姓  名', { size: 13, fill: '#3b6f99' }) +
    text(fx + 82, cy0 + 46, '张三', { size: 17 }) +
    text(fx + 24, cy0 + 78, '性  别', { size: 13, fill: '#3b6f99' }) +
    text(fx + 82, cy0 + 78, '男', { size: 15 }) +
    text(fx + 130, cy0 + 78, '民  族', { size: 13, fill: '#3b6f99' }) +
    text(fx + 184, cy0 + 78, '汉', { size: 15 }) +
    text(fx + 24, cy0 + 110, '出  生', { size: 13, fill: '#3b6f99' }) +
    text(fx + 82, cy0 + 110, '1990 年 1 月 1 日', { size: 15 }) +
    text(fx + 24, cy0 + 142, '住  址', { size: 13, fill: '#3b6f99' }) +
    text(fx + 82, cy0 + 142, '某某省某某市某某区', { size: 15 }) +
    text(fx + 82, cy0 + 164, '某某路 1 号', { size: 15 }) +
    text(fx + 24, cy0 + 212, '公民身份号码', { size: 13, fill: '#3b6f99' }) +
    text(fx + 118, cy0 + 213, FAKE_ID, { size: 19, spacing: 1 }) +
    photo(fx + cardW - 128, cy0 + 30, 100, 128, '#e3ecf2');

  // 国徽面 (back)
  const bx = cx0 + cardW + gap;
  const back =
    card(bx, cy0) +
    `<circle cx="${bx + 62}" cy="${cy0 + 64}" r="38" fill="#f7e1e1" stroke="${SEAL_RED}" stroke-width="2"/>` +
    `<polygon points="${starPoints(bx + 62, cy0 + 60, 20)}" fill="#e8b923"/>` +
    text(bx + 62, cy0 + 94, '图案示意', { size: 10, fill: SEAL_RED, anchor: 'middle' }) +
    text(bx + 236, cy0 + 62, '中华人民共和国', { size: 22, anchor: 'middle', spacing: 4, bold: true }) +
    text(bx + 236, cy0 + 108, '居民身份证', { size: 30, anchor: 'middle', spacing: 8, bold: true }) +
    text(bx + 70, cy0 + 176, '签发机关', { size: 13, fill: '#3b6f99' }) +
    text(bx + 142, cy0 + 176, '某某市公安局某某分局', { size: 15 }) +
    text(bx + 70, cy0 + 208, '有效期限', { size: 13, fill: '#3b6f99' }) +
    text(bx + 142, cy0 + 208, '2020.01.01-2040.01.01', { size: 15 });

  const labelY = cy0 - 18;
  const labels =
    rect(fx, labelY - 22, 118, 30, '#1f6feb', 'none', 0, 15) +
    text(fx + 59, labelY - 1, '① 人像面', { size: 16, fill: '#fff', anchor: 'middle' }) +
    rect(bx, labelY - 22, 118, 30, '#1f6feb', 'none', 0, 15) +
    text(bx + 59, labelY - 1, '② 国徽面', { size: 16, fill: '#fff', anchor: 'middle' });

  const noteY = cy0 + cardH + 52;
  const note =
    rect(cx0, noteY - 28, 2 * cardW + gap, 82, '#ffffff', '#d3d9e1', 1, 8) +
    text(CW / 2, noteY, '需上传正反两面共2张', { size: 22, fill: RED, anchor: 'middle', bold: true }) +
    text(CW / 2, noteY + 32, '每面单独拍一张：四角完整、文字朝上、清晰无反光', { size: 16, fill: GREY, anchor: 'middle' });

  return svgDoc(
    CW,
    CH,
    rect(0, 0, CW, CH, BG) + labels + front + back + note + sampleMarks(CW, CH, '身份证明', CW / 2, cy0 + cardH / 2),
  );
}

function graduationCert(): string {
  return certificateLayout('毕业证书', '#9b2c2c', ({ x, y, w, h }) => {
    const cx = x + w / 2;
    const p = para(
      x + 200,
      y + 150,
      w - 250,
      '学生 张三，性别 男，一九九〇年一月一日生，于二〇一〇年九月至二〇一五年七月在本校临床医学专业五年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。',
      { size: 18, lh: 34, indent: true },
    );
    return (
      text(cx, y + 66, '普通高等学校', { size: 20, fill: '#9b2c2c', anchor: 'middle', spacing: 6 }) +
      text(cx, y + 112, '毕 业 证 书', { size: 40, fill: '#9b2c2c', anchor: 'middle', spacing: 10, bold: true }) +
      photo(x + 56, y + 140, 110, 144) +
      p.svg +
      text(x + 56, y + h - 90, '校    名：某某医学院', { size: 16 }) +
      text(x + 56, y + h - 62, '校（院）长：李四', { size: 16 }) +
      text(x + 56, y + h - 34, '证书编号：10000 5 2015 05 ******', { size: 15, fill: GREY }) +
      seal(x + w - 170, y + h - 90, 56, '某某医学院', '示意章') +
      text(x + w - 60, y + h - 34, '二〇一五年七月一日', { size: 16, anchor: 'end' })
    );
  });
}

function degreeCert(): string {
  return certificateLayout('学位证书', '#1e4e8c', ({ x, y, w, h }) => {
    const cx = x + w / 2;
    const p = para(
      x + 200,
      y + 150,
      w - 250,
      '张三，男，1990年1月1日生。在某某医学院临床医学专业完成了本科学习计划，业已毕业。经审核符合《中华人民共和国学位条例》的规定，授予医学学士学位。',
      { size: 18, lh: 34, indent: true },
    );
    return (
      text(cx, y + 100, '学士学位证书', { size: 40, fill: '#1e4e8c', anchor: 'middle', spacing: 8, bold: true }) +
      photo(x + 56, y + 140, 110, 144) +
      p.svg +
      text(x + 56, y + h - 90, '某某医学院', { size: 16 }) +
      text(x + 56, y + h - 62, '学位评定委员会主席：李四', { size: 16 }) +
      text(x + 56, y + h - 34, '证书编号：1000042015******', { size: 15, fill: GREY }) +
      seal(x + w - 170, y + h - 90, 56, '某某医学院学位评定委员会', '示意章') +
      text(x + w - 60, y + h - 34, '二〇一五年七月一日', { size: 16, anchor: 'end' })
    );
  });
}

function educationRecord(): string {
  const x = 30;
  const y = 18;
  const w = W - 60;
  const h = CONTENT_H - 36;
  const t = table(
    x + 30,
    y + 96,
    470,
    32,
    [
      [['姓名', '张三'], ['性别', '男']],
      [['出生日期', '1990年01月01日'], ['民族', '汉族']],
      [['证件号码', FAKE_ID]],
      [['入学日期', '2010年09月01日'], ['毕(结)业', '2015年07月01日']],
      [['学校名称', '某某医学院']],
      [['专业', '临床医学'], ['学制', '5 年']],
      [['层次', '本科'], ['学历类别', '普通高等教育']],
      [['学习形式', '普通全日制'], ['毕(结)业', '毕业']],
      [['证书编号', '1000052015******'], ['校(院)长', '李四']],
    ],
    { labelW: 78, size: 13 },
  );
  const rx = x + 530;
  const body =
    page(x, y, w, h) +
    rect(x, y, w, 6, '#2f6fb3') +
    text(x + w / 2, y + 48, '教育部学历证书电子注册备案表', { size: 26, anchor: 'middle', spacing: 2, bold: true }) +
    text(x + 30, y + 82, '更新日期：2024年01月01日', { size: 13, fill: GREY }) +
    text(x + 500, y + 82, '在线验证码：XXXX XXXX XXXX XXXX', { size: 13, fill: GREY, anchor: 'end' }) +
    t.svg +
    photo(rx, y + 96, 84, 108, '#dbe4ee', '录取照片') +
    photo(rx + 100, y + 96, 84, 108, '#dbe4ee', '学历照片') +
    qrLike(rx + 40, y + 250, 104, 20240101) +
    text(rx + 92, y + 378, '扫码 / 在线验证', { size: 12, fill: GREY, anchor: 'middle' }) +
    text(x + 30, y + h - 22, '注：须在有效期内，可凭在线验证码查验；学历认证报告同样上传于此。', { size: 13, fill: GREY });
  return svgDoc(W, H, rect(0, 0, W, H, BG) + body + sampleMarks(W, H, '学历电子注册备案表/学历认证报告', W / 2, CONTENT_H / 2 + 10));
}

/** Shared by the two 考核证明 forms. */
function assessmentForm(title: string, rows: Array<Array<[string, string]>>, opinion: string, unit: string, date: string): string {
  const { x, y, w } = FORM;
  const tx = x + 30;
  const tw = w - 60;
  const t = table(tx, y + 80, tw, 34, rows, { labelW: 84, size: 14 });
  const boxY = t.bottom;
  const boxH = FORM.y + FORM.h - 20 - boxY;
  const p = para(tx + 100, boxY + 30, tw - 116, opinion, { size: 14, lh: 24 });
  return (
    text(x + w / 2, y + 50, title, { size: 26, anchor: 'middle', spacing: 4, bold: true }) +
    t.svg +
    rect(tx, boxY, tw, boxH, 'none', LINE, 1) +
    rect(tx, boxY, 84, boxH, '#f1f4f8', LINE, 1) +
    text(tx + 42, boxY + boxH / 2 + 5, '考核意见', { size: 14, fill: GREY, anchor: 'middle' }) +
    p.svg +
    text(tx + 100, p.bottom + 40, '考核结论：', { size: 16 }) +
    rect(tx + 180, p.bottom + 14, 116, 36, 'none', FILL_INK, 2, 4) +
    text(tx + 238, p.bottom + 41, '考核合格', { size: 22, fill: FILL_INK, anchor: 'middle', bold: true }) +
    text(tx + 100, boxY + boxH - 22, '负责人签字：李四', { size: 14 }) +
    seal(tx + tw - 90, boxY + boxH - 62, 48, unit, '示意章') +
    text(tx + tw - 16, boxY + boxH - 10, date, { size: 13, anchor: 'end' })
  );
}

function probationAssessment(): string {
  return formLayout(
    '试用期考核证明',
    assessmentForm(
      '试用期考核证明',
      [
        [['姓名', '张三'], ['性别', '男']],
        [['身份证号', FAKE_ID]],
        [['毕业学校', '某某医学院'], ['专业', '临床医学']],
        [['试用机构', '某某市人民医院']],
        [['试用期', '2015年08月 至 2016年08月（满一年）']],
      ],
      '该同志在我院试用期间遵守法律法规及医疗卫生规章制度，具备良好的职业道德和临床工作能力。经考核：',
      '某某市人民医院',
      '2016 年 8 月 1 日',
    ),
    ['由试用机构出具，写明试用起止时间', '考核结论为“考核合格”', '加盖试用机构公章', '姓名、身份证号与报名信息一致', '整页拍全，正向、清晰'],
  );
}

function practiceAssessment(): string {
  return formLayout(
    '执业期考核证明',
    assessmentForm(
      '执业期考核证明',
      [
        [['姓名', '张三'], ['性别', '男']],
        [['身份证号', FAKE_ID]],
        [['医师级别', '执业助理医师'], ['执业类别', '临床']],
        [['执业机构', '某某县人民医院']],
        [['执业期', '2020年09月 至 2023年09月']],
      ],
      '该医师在本机构执业期间，遵守法律法规和诊疗规范，按照注册的执业类别和范围执业。经考核：',
      '某某县人民医院',
      '2023 年 9 月 1 日',
    ),
    ['由执业机构出具，写明执业起止时间', '考核结论为“考核合格”', '加盖执业机构公章', '姓名、身份证号与报名信息一致', '整页拍全，正向、清晰'],
  );
}

function physicianQualification(): string {
  return bookletLayout(
    '医师资格证书',
    '#1d5e4a',
    (x, y, w, h) =>
      text(x + w / 2, y + 56, '中华人民共和国', { size: 18, anchor: 'middle', spacing: 4, fill: '#1d5e4a' }) +
      text(x + w / 2, y + 98, '医师资格证书', { size: 32, anchor: 'middle', spacing: 4, fill: '#1d5e4a', bold: true }) +
      photo(x + 40, y + 130, 100, 130) +
      para(x + 160, y + 150, w - 190, '经国家医师资格考试合格，取得执业医师资格，特发此证。', { size: 16, lh: 28 }).svg +
      text(x + 40, y + h - 70, '发证机关（章）', { size: 14, fill: GREY }) +
      seal(x + w - 100, y + h - 92, 52, '某某卫生健康委员会', '示意章') +
      text(x + 40, y + h - 40, '签发日期：2016年12月31日', { size: 14 }),
    (x, y, w) =>
      fields(x + 40, y + 70, [
        ['姓    名', '张三'],
        ['性    别', '男'],
        ['出生日期', '1990年01月01日'],
        ['身份证件号', FAKE_ID],
        ['资格级别', '执业医师'],
        ['资格类别', '临床'],
        ['证书编码', '2016************'],
      ], { lh: 44, width: w - 80 }) +
      text(x + 40, y + 410, '须含照片页与信息页，整版拍全', { size: 13, fill: GREY }),
  );
}

function practiceLicense(): string {
  return bookletLayout(
    '医师执业证书',
    '#7a2331',
    (x, y, w, h) =>
      text(x + w / 2, y + 56, '中华人民共和国', { size: 18, anchor: 'middle', spacing: 4, fill: '#7a2331' }) +
      text(x + w / 2, y + 98, '医师执业证书', { size: 32, anchor: 'middle', spacing: 4, fill: '#7a2331', bold: true }) +
      photo(x + 40, y + 130, 100, 130) +
      para(x + 160, y + 150, w - 190, '经注册，准予在注册的执业地点、类别和范围内执业。', { size: 16, lh: 28 }).svg +
      text(x + 40, y + h - 70, '发证机关（章）', { size: 14, fill: GREY }) +
      seal(x + w - 100, y + h - 92, 52, '某某市卫生健康委员会', '示意章') +
      text(x + 40, y + h - 40, '发证日期：2020年09月01日', { size: 14 }),
    (x, y, w) =>
      fields(x + 40, y + 56, [
        ['姓    名', '张三'],
        ['性    别', '男'],
        ['身份证件号', FAKE_ID],
        ['医师级别', '执业助理医师'],
        ['执业类别', '临床'],
        ['执业范围', '内科专业'],
        ['执业地点', '某某省'],
        ['主要执业机构', '某某县人民医院'],
        ['证书编码', '2020************'],
      ], { lh: 38, labelW: 110, width: w - 80 }) +
      text(x + 40, y + 420, '含变更注册记录页的，一并上传', { size: 13, fill: GREY }),
  );
}

function mentorshipCert(): string {
  return certificateLayout('师承/确有专长证书', '#8a5a14', ({ x, y, w, h }) => {
    const cx = x + w / 2;
    const p = para(
      x + 200,
      y + 150,
      w - 250,
      `张三，男，1990年1月1日生，身份证号 ${FAKE_ID}。于2017年9月至2020年9月跟随指导老师李四（主任中医师）学习中医内科，经考核合格，准予出师。`,
      { size: 17, lh: 32, indent: true },
    );
    return (
      text(cx, y + 78, '传统医学师承出师证书', { size: 34, fill: '#8a5a14', anchor: 'middle', spacing: 6, bold: true }) +
      text(cx, y + 110, '（医术确有专长证书同样上传于此栏）', { size: 14, fill: GREY, anchor: 'middle' }) +
      photo(x + 56, y + 140, 110, 144) +
      p.svg +
      text(x + 56, y + h - 90, '发证机关：某某省中医药管理局', { size: 16 }) +
      text(x + 56, y + h - 62, '指导老师：李四', { size: 16 }) +
      text(x + 56, y + h - 34, '证书编号：某某师字（2020）第0001号', { size: 15, fill: GREY }) +
      seal(x + w - 170, y + h - 90, 56, '某某省中医药管理局', '示意章') +
      text(x + w - 60, y + h - 34, '二〇二〇年九月三十日', { size: 16, anchor: 'end' })
    );
  });
}

function clinicalTrainingCommitment(): string {
  const { x, y, w, h } = FORM;
  const tx = x + 26;
  const tw = w - 52;
  const p1 = para(
    tx,
    y + 96,
    tw,
    [
      { t: '本人于' },
      { t: ' 2023 ', v: true },
      { t: '年' },
      { t: ' 6 ', v: true },
      { t: '月' },
      { t: ' 30 ', v: true },
      { t: '日毕业于' },
      { t: ' 某某医学院 ', v: true },
      { t: '学校' },
      { t: ' 临床医学 ', v: true },
      { t: '专业。自' },
      { t: ' 2023 ', v: true },
      { t: '年' },
      { t: ' 7 ', v: true },
      { t: '月起，在' },
      { t: ' 某某市人民医院 ', v: true },
      { t: '单位进行临床实践训练，至' },
      { t: ' 2024 ', v: true },
      { t: '年' },
      { t: ' 7 ', v: true },
      { t: '月临床实践训练时间满一年。' },
    ],
    { size: 14, lh: 25, indent: true },
  );
  const p2 = para(
    tx,
    p1.bottom + 30,
    tw,
    '本人承诺所获学位证书为专业学位，并将于今年医学综合考试前，将后续临床实践训练经历累计满一年的证明及硕（博）士毕业证书原件及复印件、学位证书原件及复印件（研究生毕业当年报名考生）交至考点办公室审核。如不能按时提交则视为自动放弃当年医学综合考试资格。',
    { size: 14, lh: 23, indent: true },
  );
  const sy = p2.bottom + 30;
  const body =
    text(tx, y + 30, '附件 2', { size: 13, fill: GREY }) +
    text(x + w / 2, y + 62, '临床实践训练经历满一年证明及个人承诺书', { size: 20, anchor: 'middle', bold: true }) +
    p1.svg +
    p2.svg +
    text(tx + 10, sy, '临床实践单位（章）', { size: 14 }) +
    seal(tx + 73, sy + 48, 36, '某某市人民医院', '示意章') +
    text(tx + 260, sy, '研究生院（章）', { size: 14 }) +
    seal(tx + 309, sy + 48, 36, '某某医学院研究生院', '示意章') +
    text(tx + tw, sy + 96, '2024 年 7 月 15 日', { size: 13, anchor: 'end', fill: FILL_INK }) +
    signLine(tx, sy + 108, '承诺人签字：', '张三', 14, 140) +
    signLine(tx, sy + 134, '承诺人身份证号：', FAKE_ID, 14, 180) +
    signLine(tx, sy + 160, '手机号码：', FAKE_PHONE, 14, 140) +
    text(tx, y + h - 14, '注：此证明仅限报考国家医师资格考试用，请考生凭此证明和学生证原件及复印件参加报名。', { size: 11.5, fill: GREY });
  return formLayout('临床实践训练经历满一年证明及个人承诺书', body, [
    '临床实践单位、研究生院两处均需盖章',
    '填全毕业时间、学校、专业、实践单位和起止时间',
    '本人签字，并写身份证号、手机号',
    '整页拍全，正向、清晰',
  ]);
}

function graduateCommitment(): string {
  const { x, y, w, h } = FORM;
  const tx = x + 30;
  const tw = w - 60;
  const p1 = para(
    tx,
    y + 108,
    tw,
    [
      { t: '本人' },
      { t: ' 张三 ', v: true },
      { t: '，身份证号' },
      { t: ` ${FAKE_ID} `, v: true },
      { t: '，系' },
      { t: ' 某某医学院 ', v: true },
      { t: '学校' },
      { t: ' 临床医学 ', v: true },
      { t: '专业' },
      { t: ' 2024 ', v: true },
      { t: '届应届毕业生，报考' },
      { t: ' 2024 ', v: true },
      { t: '年国家医师资格考试。' },
    ],
    { size: 15, lh: 27, indent: true },
  );
  const p2 = para(
    tx,
    p1.bottom + 36,
    tw,
    '本人承诺：按时取得毕业证书，并在规定时间内将毕业证书原件及复印件交至考点审核。如未能按时取得或提交，视为自动放弃当年考试资格，由此产生的一切后果由本人承担。',
    { size: 15, lh: 27, indent: true },
  );
  const sy = p2.bottom + 52;
  const body =
    text(x + w / 2, y + 64, '应届毕业生报考承诺书', { size: 26, anchor: 'middle', spacing: 4, bold: true }) +
    p1.svg +
    p2.svg +
    signLine(tx + 230, sy, '承诺人签字：', '张三', 15, 120) +
    text(tx + tw, sy + 32, '2024 年 3 月 1 日', { size: 14, anchor: 'end', fill: FILL_INK }) +
    line(tx, sy + 58, tx + tw, sy + 58, '#d5dae1') +
    text(tx, sy + 88, '学校意见：', { size: 15 }) +
    text(tx + 80, sy + 88, '情况属实。', { size: 15, fill: FILL_INK }) +
    seal(tx + tw - 110, y + h - 70, 46, '某某医学院', '示意章') +
    text(tx, y + h - 30, '所在学校（章）', { size: 14, fill: GREY });
  return formLayout('应届毕业生报考承诺书', body, [
    '本人签字并注明日期',
    '学校专业、毕业年份与报名信息一致',
    '按考区要求加盖学校公章',
    '整页拍全，正向、清晰',
  ]);
}

function hmtForeignForm(): string {
  const x = 30;
  const y = 18;
  const w = W - 60;
  const h = CONTENT_H - 36;
  const tx = x + 24;
  const tw = w - 48;
  const photoW = 104;
  const t1 = table(
    tx,
    y + 74,
    tw - photoW,
    34,
    [
      [['姓名', '张三'], ['性别', '男']],
      [['出生日期', '1990年01月01日'], ['国籍/地区', '中国香港']],
      [['证件类型', '港澳居民来往内地通行证']],
      [['证件号码', 'H0000****']],
    ],
    { labelW: 86, size: 14 },
  );
  const t2 = table(
    tx,
    t1.bottom,
    tw,
    34,
    [
      [['毕业学校', '某某大学医学院'], ['学历/学位', '本科/医学士']],
      [['专业', '内外全科医学'], ['毕业时间', '2015年07月']],
      [['实习医院', '某某医院'], ['实习时间', '2014.07-2015.06']],
      [['报考类别', '临床执业医师'], ['报名考点', '某某考点']],
    ],
    { labelW: 86, size: 14 },
  );
  const oy = t2.bottom;
  const oh = y + h - 16 - oy;
  const half = tw / 2;
  const opinion = (ox: number, label: string, unit: string): string =>
    rect(ox, oy, half, oh, 'none', LINE, 1) +
    rect(ox, oy, 86, oh, '#f1f4f8', LINE, 1) +
    text(ox + 43, oy + oh / 2 + 5, label, { size: 14, fill: GREY, anchor: 'middle' }) +
    text(ox + 100, oy + 30, '审核通过', { size: 16, fill: FILL_INK }) +
    seal(ox + half - 70, oy + oh / 2 + 2, 42, unit, '示意章');
  const body =
    page(x, y, w, h) +
    text(x + w / 2, y + 50, '港澳台居民及外籍人员报考审核表', { size: 26, anchor: 'middle', spacing: 2, bold: true }) +
    t1.svg +
    rect(tx + tw - photoW, y + 74, photoW, 136, 'none', LINE, 1) +
    photo(tx + tw - photoW + 10, y + 82, photoW - 20, 120) +
    t2.svg +
    opinion(tx, '考点意见', '某某考点') +
    opinion(tx + half, '考区意见', '某某考区');
  return svgDoc(W, H, rect(0, 0, W, H, BG) + body + sampleMarks(W, H, '港澳台居民及外籍人员报考审核表', W / 2, CONTENT_H / 2 + 10));
}

function other(): string {
  // A document photographed flat on a desk: upright, sharp, all four corners in frame.
  const desk = '#8b6b4f';
  const px = 40;
  const py = 22;
  const pw = 450;
  const ph = CONTENT_H - 44;
  const bars: string[] = [];
  for (let i = 0; i < 9; i++) {
    const by = py + 120 + i * 26;
    const bw = i % 3 === 2 ? pw - 180 : pw - 80;
    bars.push(rect(px + 40, by, bw, 9, '#c9ced6', 'none', 0, 4));
  }
  const doc =
    rect(px + 6, py + 8, pw, ph, '#5f4633') +
    rect(px, py, pw, ph, '#fbfbf8') +
    text(px + pw / 2, py + 62, '某某证明', { size: 28, anchor: 'middle', spacing: 8, bold: true }) +
    text(px + 40, py + 100, '兹证明 张三（身份证号 110101********1234）……', { size: 14, fill: GREY }) +
    bars.join('') +
    seal(px + pw - 110, py + ph - 90, 50, '某某单位', '示意章') +
    text(px + pw - 40, py + ph - 24, '2024 年 1 月 1 日', { size: 14, anchor: 'end' });

  // Tips, with three small "wrong" thumbnails.
  const tx = 520;
  const tw = W - tx - 20;
  const tips = ['画面正向（文字朝上，不旋转、不镜像）', '清晰、无反光、无遮挡', '完整（四角都在画面内）', 'jpg/png，单张不超过200KB'];
  let ty = py + 66;
  const tipSvg: string[] = [rect(tx, py, tw, ph, '#ffffff', '#d3d9e1', 1, 8), text(tx + 16, py + 34, '拍摄要求', { size: 18, bold: true })];
  for (const tip of tips) {
    tipSvg.push(text(tx + 16, ty, '✓', { size: 17, fill: '#15803d', bold: true }));
    const p = para(tx + 38, ty, tw - 52, tip, { size: 14, lh: 20 });
    tipSvg.push(p.svg);
    ty = p.bottom + 30;
  }
  const thumbY = py + ph - 96;
  const thumb = (cx: number, label: string, inner: string): string =>
    rect(cx - 34, thumbY, 68, 62, desk, 'none', 0, 4) + inner + text(cx, thumbY + 84, label, { size: 13, fill: RED, anchor: 'middle' });
  const t1c = tx + 44;
  const t2c = tx + tw / 2;
  const t3c = tx + tw - 44;
  tipSvg.push(
    thumb(t1c, '✗ 旋转', `<rect x="${t1c - 16}" y="${thumbY + 10}" width="32" height="42" fill="#fbfbf8" transform="rotate(90 ${t1c} ${thumbY + 31})"/>`) +
      thumb(t2c, '✗ 不完整', rect(t2c - 10, thumbY + 8, 44, 54, '#fbfbf8')) +
      thumb(
        t3c,
        '✗ 模糊',
        rect(t3c - 16, thumbY + 10, 32, 42, '#e8e8e4') +
          rect(t3c - 11, thumbY + 20, 22, 4, '#d2d2cc') +
          rect(t3c - 11, thumbY + 30, 22, 4, '#d2d2cc'),
      ),
  );

  return svgDoc(
    W,
    H,
    rect(0, 0, W, H, desk) + doc + tipSvg.join('') + sampleMarks(W, H, '其他', px + pw / 2, py + ph / 2),
  );
}

const CATALOG: Array<[code: string, draw: () => string]> = [
  ['id_card', idCard],
  ['graduation_cert', graduationCert],
  ['degree_cert', degreeCert],
  ['education_record', educationRecord],
  ['probation_assessment', probationAssessment],
  ['physician_qualification', physicianQualification],
  ['practice_license', practiceLicense],
  ['practice_assessment', practiceAssessment],
  ['mentorship_cert', mentorshipCert],
  ['clinical_training_commitment', clinicalTrainingCommitment],
  ['graduate_commitment', graduateCommitment],
  ['hmt_foreign_form', hmtForeignForm],
  ['other', other],
];

// --------------------------------------------------------------------- main

function assertFont(): void {
  let families = '';
  try {
    families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    throw new Error('fc-list not found: install fontconfig and the font "WenQuanYi Micro Hei" (apt-get install -y fonts-wqy-microhei)');
  }
  if (!families.includes(FONT_FAMILY)) {
    throw new Error(`font "${FONT_FAMILY}" not visible to fontconfig: apt-get install -y fonts-wqy-microhei`);
  }
}

async function render(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .png({ palette: true, colors: 256, quality: 80, dither: 0.5, effort: 10, compressionLevel: 9 })
    .toBuffer();
}

async function main(): Promise<void> {
  assertFont();
  await mkdir(OUT_DIR, { recursive: true });
  for (const [code, draw] of CATALOG) {
    const file = path.join(OUT_DIR, `${code}.png`);
    const png = await render(draw());
    const old = await readFile(file).catch(() => null);
    const same = old !== null && old.equals(png);
    if (!same) await writeFile(file, png);
    const meta = await sharp(png).metadata();
    console.log(`${same ? 'unchanged' : 'wrote    '} ${path.relative(process.cwd(), file)}  ${meta.width}x${meta.height}  ${(png.length / 1024).toFixed(1)} KB`);
  }
}

await main();
