/**
 * The visible watermark: a block of three lines,
 *
 *   仅供2026年医师资格考试报名审核使用
 *   报名号：2026110100123
 *   上传时间：2026-03-05 14:23
 *
 * in semi-transparent clear red with a thin, faint white halo (seen by its colour on paper,
 * outlined on dark photos; dark print under it stays dark), turned 30° and repeated over the
 * whole image on a sparse staggered lattice, one block centred on the image. Glyph size
 * follows the image (1/40 of the shorter side,
 * 14–40 px), so it reads the same on a phone photo and on a scan.
 *
 * Cost. Once per process and glyph size (lazily, ~0.1 s each; warmUp() does them all):
 * sharp renders every character and fixed phrase with the shipped font (glyph-atlas.ts),
 * then each cell is rotated and dilated (halo) here, in JS. Per upload there is no text
 * rendering and no sharp call at all: the block is assembled by max-copying the pre-rotated
 * cells (a few thousand pixels each), turned into a sparse list of its visible pixels (kept
 * for the 32 most recent blocks), and blended straight into the decoded RGB buffer that is
 * about to be encoded anyway.
 */
import { readFile } from 'node:fs/promises';
import { formatChinaMinute } from '../../domain/china-time.js';
import type { WatermarkInfo } from '../../ports/image-pipeline.js';
import { FontFormatError, isSfnt, missingCharacters, readFontNames } from './font-file.js';
import { buildGlyphAtlas, layoutLine, type GlyphAtlas, type LinePiece } from './glyph-atlas.js';
import {
  ASCII_PRINTABLE,
  PURPOSE_PREFIX,
  PURPOSE_SUFFIX,
  REGISTRATION_LABEL,
  TIME_LABEL,
  WATERMARK_CHARSET,
  WATERMARK_FONT_FAMILY,
} from './watermark-text.js';

/** The font file is missing, unreadable, not the expected font, or lacks a character. */
export class WatermarkFontError extends Error {
  constructor(
    readonly fontFile: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`watermark font ${fontFile}: ${problem} (rebuild it: npx tsx scripts/subset-watermark-font.ts)`, options);
    this.name = 'WatermarkFontError';
  }
}

export interface WatermarkStyle {
  /** Text colour, sRGB. */
  ink: readonly [number, number, number];
  /** Opacity of the text, 0..1. */
  inkOpacity: number;
  /** Halo colour around the strokes. */
  halo: readonly [number, number, number];
  haloOpacity: number;
  /** Halo radius at 40 px glyph size (scaled with the glyphs, at least 1 px). */
  haloRadius: number;
  /** Rotation in degrees; negative: text rises to the right. */
  angle: number;
  /** Glyph size as a fraction of the image's shorter side, clamped to [minPx, 40]. */
  sizeOfShortSide: number;
  minPx: number;
  /** Empty space between copies along the text and between rows of copies, in glyph heights. */
  gapAlongEm: number;
  gapAcrossEm: number;
}

/**
 * Light over text: a clear red whose luminance is close to paper's at this opacity, so the
 * mark is seen by its colour while a document's dark strokes stay dark (OCR and eyes work
 * on lightness). The white halo only outlines the mark on dark photos; at 0.35 it used to
 * lift black print under every glyph to grey (luma ~80), which is what made 12 px small
 * print unreadable under the old, denser mark. Measured in docs/IMAGE-PIPELINE.md.
 */
export const DEFAULT_WATERMARK_STYLE: Readonly<WatermarkStyle> = Object.freeze({
  ink: [215, 30, 30] as const,
  inkOpacity: 0.3,
  halo: [255, 255, 255] as const,
  haloOpacity: 0.1,
  haloRadius: 1,
  angle: -30,
  sizeOfShortSide: 1 / 40,
  minPx: 14,
  gapAlongEm: 8,
  gapAcrossEm: 6,
});

/** The look before issue 13 (dense, dark red, strong halo): kept for before/after measurements. */
export const DENSE_WATERMARK_STYLE: Readonly<WatermarkStyle> = Object.freeze({
  ink: [170, 20, 20] as const,
  inkOpacity: 0.38,
  halo: [255, 255, 255] as const,
  haloOpacity: 0.35,
  haloRadius: 2,
  angle: -30,
  sizeOfShortSide: 1 / 40,
  minPx: 14,
  gapAlongEm: 5,
  gapAcrossEm: 5,
});

/** Glyph sizes an atlas is rendered at; an image uses the largest one not above its target. */
export const GLYPH_SIZES_PX = [14, 16, 18, 21, 24, 28, 32, 36, 40] as const;

/** Blocks kept by WatermarkRenderer (a few hundred KB each at the largest size). */
const SPRITE_CACHE_SIZE = 32;

const REGISTRATION_PHRASE = `${REGISTRATION_LABEL}：`;
const TIME_PHRASE = `${TIME_LABEL}：`;
const MAX_REGISTRATION_CHARS = 32;

/** "2026-03-05 14:23" in China time, to the minute: the upload time the watermark shows. */
export const formatUploadTime = (at: Date): string => formatChinaMinute(at);

/** The three lines of the watermark, as atlas pieces. Exported for tests. */
export function watermarkLines(info: WatermarkInfo, available: ReadonlySet<string> | ReadonlyMap<string, unknown>): LinePiece[][] {
  const regNo = [...info.registrationNo.trim()]
    .slice(0, MAX_REGISTRATION_CHARS)
    .map((c) => (available.has(c) && c !== ' ' ? c : '?'))
    .join('');
  return [
    [{ phrase: PURPOSE_PREFIX }, { text: String(Math.trunc(info.year)) }, { phrase: PURPOSE_SUFFIX }],
    [{ phrase: REGISTRATION_PHRASE }, { text: regNo }],
    [{ phrase: TIME_PHRASE }, { text: formatUploadTime(info.at) }],
  ];
}

interface Vec {
  x: number;
  y: number;
}

/**
 * A coverage mask rotated about its centre, with its halo, kept sparse: only the pixels the
 * halo touches, as (x, y) in a `width × height` box whose centre is the cell's centre.
 */
interface RotatedCell {
  width: number;
  height: number;
  xs: Int16Array;
  ys: Int16Array;
  ink: Uint8Array;
  halo: Uint8Array;
}

/** Separable max filter (square structuring element): the halo around the strokes. */
function dilate(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const tmp = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let m = 0;
      const x1 = Math.min(width - 1, x + r);
      for (let k = Math.max(0, x - r); k <= x1; k++) if (src[row + k]! > m) m = src[row + k]!;
      tmp[row + x] = m;
    }
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const y1 = Math.min(height - 1, y + r);
    for (let x = 0; x < width; x++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= y1; k++) if (tmp[k * width + x]! > m) m = tmp[k * width + x]!;
      out[y * width + x] = m;
    }
  }
  return out;
}

/**
 * Rotates a coverage mask (bilinear) so that its own axes become `d` (text direction) and
 * `n` (down the lines), leaving `pad` px of room for the halo.
 */
function rotateCell(src: Uint8Array, w: number, h: number, d: Vec, n: Vec, haloRadius: number): RotatedCell {
  const pad = haloRadius + 1;
  const width = Math.ceil(Math.abs(w * d.x) + Math.abs(h * n.x)) + 2 * pad;
  const height = Math.ceil(Math.abs(w * d.y) + Math.abs(h * n.y)) + 2 * pad;
  const ink = new Uint8Array(width * height);
  const sample = (sx: number, sy: number): number =>
    sx < 0 || sy < 0 || sx >= w || sy >= h ? 0 : src[sy * w + sx]!;
  for (let y = 0; y < height; y++) {
    const qy = y + 0.5 - height / 2;
    for (let x = 0; x < width; x++) {
      const qx = x + 0.5 - width / 2;
      const u = qx * d.x + qy * d.y + w / 2 - 0.5;
      const v = qx * n.x + qy * n.y + h / 2 - 0.5;
      if (u <= -1 || v <= -1 || u >= w || v >= h) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const top = sample(u0, v0) * (1 - fu) + sample(u0 + 1, v0) * fu;
      const bottom = sample(u0, v0 + 1) * (1 - fu) + sample(u0 + 1, v0 + 1) * fu;
      ink[y * width + x] = Math.round(top * (1 - fv) + bottom * fv);
    }
  }
  const halo = dilate(ink, width, height, haloRadius);
  let count = 0;
  for (let i = 0; i < halo.length; i++) if (halo[i] !== 0) count++;
  const cell: RotatedCell = {
    width,
    height,
    xs: new Int16Array(count),
    ys: new Int16Array(count),
    ink: new Uint8Array(count),
    halo: new Uint8Array(count),
  };
  for (let i = 0, k = 0; i < halo.length; i++) {
    if (halo[i] === 0) continue;
    cell.xs[k] = i % width;
    cell.ys[k] = Math.floor(i / width);
    cell.ink[k] = ink[i]!;
    cell.halo[k] = halo[i]!;
    k++;
  }
  return cell;
}

/** Everything needed to draw the watermark at one glyph size, built once. */
interface SizedAtlas {
  atlas: GlyphAtlas;
  cells: Map<string, RotatedCell>;
  lineStep: number;
}

/**
 * The visible pixels of one block, row by row, relative to the block's origin (the top-left
 * of its first line, before rotation). Each pixel carries an index into the blend table.
 */
export interface WatermarkSprite {
  count: number;
  /** Offset of the first row from the origin, and number of rows. */
  top: number;
  rows: number;
  /** Horizontal extent of all rows, relative to the origin. */
  left: number;
  right: number;
  /** Pixels of row r are k = rowStart[r] .. rowStart[r+1]-1. */
  rowStart: Int32Array;
  dx: Int32Array;
  /** Per pixel, 4 values: inv, preR, preG, preB of `out = (src * inv + pre + 128) >> 8`. */
  blend: Uint16Array;
  /** Size of the block along the text (u) and across the lines (v), before rotation. */
  blockU: number;
  blockV: number;
  sizePx: number;
}

/**
 * For each (ink coverage, halo coverage) pair, at index (ink * 256 + halo) * 4, the blend
 * `out = (src * inv + pre + 128) >> 8` as [inv, preR, preG, preB]: colours premultiplied,
 * alpha in 1/256ths, built so that the result never passes 255.
 */
export function buildBlendTable(style: Readonly<WatermarkStyle>): Uint16Array {
  const t = new Uint16Array(65536 * 4);
  const { ink: ic, halo: hc, inkOpacity, haloOpacity } = style;
  for (let ink = 0; ink < 256; ink++) {
    for (let halo = 0; halo < 256; halo++) {
      const i = (ink * 256 + halo) * 4;
      const at = (ink / 255) * inkOpacity;
      const ah = (Math.max(halo, ink) / 255) * haloOpacity * (1 - at);
      const a256 = Math.min(256, Math.max(0, Math.round((at + ah) * 256)));
      const pre = (c: number, h: number) => Math.min(255 * a256, Math.round((c * at + h * ah) * 256));
      t[i] = 256 - a256;
      t[i + 1] = pre(ic[0], hc[0]);
      t[i + 2] = pre(ic[1], hc[1]);
      t[i + 3] = pre(ic[2], hc[2]);
    }
  }
  return t;
}

export class WatermarkRenderer {
  private readonly sized = new Map<number, Promise<SizedAtlas>>();
  private readonly sprites = new Map<string, Promise<WatermarkSprite>>();
  private readonly d: Vec;
  private readonly n: Vec;
  private readonly table: Uint16Array;

  private constructor(
    readonly fontFile: string,
    readonly style: Readonly<WatermarkStyle>,
  ) {
    const a = (style.angle * Math.PI) / 180;
    this.d = { x: Math.cos(a), y: Math.sin(a) };
    this.n = { x: -Math.sin(a), y: Math.cos(a) };
    this.table = buildBlendTable(style);
  }

  /**
   * Checks the font file: present, an OpenType font of the expected family, covering every
   * watermark character. Throws WatermarkFontError. Renders nothing yet.
   */
  static async create(fontFile: string, style: Readonly<WatermarkStyle> = DEFAULT_WATERMARK_STYLE): Promise<WatermarkRenderer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(fontFile);
    } catch (err) {
      throw new WatermarkFontError(fontFile, 'cannot read the font file', { cause: err });
    }
    try {
      if (!isSfnt(bytes)) throw new FontFormatError('not an OpenType/TrueType font file');
      const family = readFontNames(bytes).family;
      if (family !== WATERMARK_FONT_FAMILY) {
        throw new FontFormatError(`font family is "${family}", expected "${WATERMARK_FONT_FAMILY}"`);
      }
      const missing = missingCharacters(bytes, WATERMARK_CHARSET);
      if (missing.length > 0) throw new FontFormatError(`font lacks the characters ${missing.join('')}`);
    } catch (err) {
      if (err instanceof FontFormatError) throw new WatermarkFontError(fontFile, err.message, { cause: err });
      throw err;
    }
    const renderer = new WatermarkRenderer(fontFile, style);
    // Render the most used size now, so that a font Pango cannot draw fails here.
    await renderer.atlasFor(40);
    return renderer;
  }

  /** Renders the atlases of every glyph size (~1 s in all), so no upload waits for one. */
  async prepareAllSizes(): Promise<void> {
    for (const size of GLYPH_SIZES_PX) await this.atlasFor(size);
  }

  /** Glyph size (one of GLYPH_SIZES_PX) for an image of this size. */
  glyphSizeFor(width: number, height: number): number {
    const s = this.style;
    const target = Math.max(s.minPx, Math.min(40, Math.round(Math.min(width, height) * s.sizeOfShortSide)));
    let best: number = GLYPH_SIZES_PX[0];
    for (const size of GLYPH_SIZES_PX) if (size <= target) best = size;
    return best;
  }

  private atlasFor(sizePx: number): Promise<SizedAtlas> {
    let pending = this.sized.get(sizePx);
    if (!pending) {
      pending = this.buildSized(sizePx);
      this.sized.set(sizePx, pending);
      pending.catch(() => this.sized.delete(sizePx));
    }
    return pending;
  }

  private async buildSized(sizePx: number): Promise<SizedAtlas> {
    let atlas: GlyphAtlas;
    try {
      atlas = await buildGlyphAtlas({
        fontFile: this.fontFile,
        family: WATERMARK_FONT_FAMILY,
        sizePx,
        characters: ASCII_PRINTABLE,
        phrases: [PURPOSE_PREFIX, PURPOSE_SUFFIX, REGISTRATION_PHRASE, TIME_PHRASE],
      });
    } catch (err) {
      throw new WatermarkFontError(this.fontFile, `rendering failed: ${(err as Error).message}`, { cause: err });
    }
    const r = Math.max(1, Math.round((this.style.haloRadius * sizePx) / 40));
    const cells = new Map<string, RotatedCell>();
    const h = atlas.height;
    for (const [key, cell] of [...atlas.glyphs, ...atlas.phrases]) {
      if (cell.width > 0) cells.set(key, rotateCell(cell.mask, cell.width, h, this.d, this.n, r));
    }
    return { atlas, cells, lineStep: Math.round(h * 1.05) };
  }

  /** The block for one upload at one glyph size, as a sparse list of coloured pixels. */
  async sprite(info: WatermarkInfo, sizePx: number): Promise<WatermarkSprite> {
    const { atlas, cells, lineStep } = await this.atlasFor(sizePx);
    const { d, n } = this;
    const h = atlas.height;
    const lines = watermarkLines(info, atlas.glyphs).map((l) => layoutLine(atlas, l));

    // Where each rotated cell goes, in image-space offsets from the block origin.
    const placed: { cell: RotatedCell; x: number; y: number }[] = [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    lines.forEach((line, i) => {
      for (const c of line.cells) {
        const rc = cells.get(c.key);
        if (!rc) continue; // an empty cell (space)
        const u = c.x + c.cell.width / 2;
        const v = i * lineStep + h / 2;
        const x = Math.round(u * d.x + v * n.x - rc.width / 2);
        const y = Math.round(u * d.y + v * n.y - rc.height / 2);
        placed.push({ cell: rc, x, y });
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x + rc.width);
        maxY = Math.max(maxY, y + rc.height);
      }
    });
    const bw = maxX - minX;
    const bh = maxY - minY;
    const ink = new Uint8Array(bw * bh);
    const halo = new Uint8Array(bw * bh);
    // Occupied column span of each row: the rotated block is a diagonal band, most of each
    // row of its bounding box is empty and need not be scanned.
    const spanFrom = new Int32Array(bh).fill(bw);
    const spanTo = new Int32Array(bh);
    for (const p of placed) {
      const { xs, ys, ink: ci, halo: ch } = p.cell;
      const ox = p.x - minX;
      const oy = p.y - minY;
      for (let y = 0; y < p.cell.height; y++) {
        if (ox < spanFrom[oy + y]!) spanFrom[oy + y] = ox;
        if (ox + p.cell.width > spanTo[oy + y]!) spanTo[oy + y] = ox + p.cell.width;
      }
      for (let k = 0; k < xs.length; k++) {
        const i = (oy + ys[k]!) * bw + ox + xs[k]!;
        if (ch[k]! > halo[i]!) halo[i] = ch[k]!;
        if (ci[k]! > ink[i]!) ink[i] = ci[k]!;
      }
    }

    const rowStart = new Int32Array(bh + 1);
    let count = 0;
    for (let y = 0; y < bh; y++) {
      rowStart[y] = count;
      for (let i = y * bw + spanFrom[y]!, end = y * bw + spanTo[y]!; i < end; i++) if (halo[i] !== 0) count++;
    }
    rowStart[bh] = count;
    const dx = new Int32Array(count);
    const blend = new Uint16Array(count * 4);
    const t = this.table;
    let k = 0;
    for (let y = 0; y < bh; y++) {
      for (let x = spanFrom[y]!, i = y * bw + x, end = spanTo[y]!; x < end; x++, i++) {
        if (halo[i] === 0) continue;
        dx[k] = x + minX;
        const c = (ink[i]! * 256 + halo[i]!) * 4;
        const b = k * 4;
        blend[b] = t[c]!;
        blend[b + 1] = t[c + 1]!;
        blend[b + 2] = t[c + 2]!;
        blend[b + 3] = t[c + 3]!;
        k++;
      }
    }
    return {
      count,
      top: minY,
      rows: bh,
      left: minX,
      right: maxX,
      rowStart,
      dx,
      blend,
      blockU: Math.max(...lines.map((l) => l.width)),
      blockV: lineStep * (lines.length - 1) + h,
      sizePx,
    };
  }

  /**
   * Draws the watermark into `rgb` (8-bit, 3 channels, `width × height`, row-major), in place:
   * the block repeated on a rotated, staggered lattice, one copy centred on the image.
   */
  async apply(info: WatermarkInfo, rgb: Buffer, width: number, height: number): Promise<void> {
    if (rgb.length !== width * height * 3) throw new Error('watermark: buffer is not width × height × 3');
    const sprite = await this.cachedSprite(info, this.glyphSizeFor(width, height));
    blendLattice(sprite, rgb, width, height, this.d, this.n, this.style);
  }

  /**
   * sprite(), remembered for the last few blocks: a candidate's uploads within the same
   * minute share one block (same 报名号, year and minute), and building it costs more than
   * blending it (~10 ms vs ~4 ms on the main thread at 1600×1200).
   */
  private cachedSprite(info: WatermarkInfo, sizePx: number): Promise<WatermarkSprite> {
    const key = `${sizePx}|${Math.trunc(info.year)}|${formatUploadTime(info.at)}|${info.registrationNo}`;
    let sprite = this.sprites.get(key);
    if (sprite) {
      this.sprites.delete(key); // most recently used last
    } else {
      sprite = this.sprite(info, sizePx);
      sprite.catch(() => this.sprites.delete(key));
      if (this.sprites.size >= SPRITE_CACHE_SIZE) this.sprites.delete(this.sprites.keys().next().value!);
    }
    this.sprites.set(key, sprite);
    return sprite;
  }
}

/** Repeats the sprite over the image and blends it in. Exported for tests. */
export function blendLattice(
  sprite: WatermarkSprite,
  rgb: Buffer,
  width: number,
  height: number,
  d: Vec,
  n: Vec,
  gaps: Pick<WatermarkStyle, 'gapAlongEm' | 'gapAcrossEm'> = DEFAULT_WATERMARK_STYLE,
): void {
  const periodU = sprite.blockU + sprite.sizePx * gaps.gapAlongEm;
  const periodV = sprite.blockV + sprite.sizePx * gaps.gapAcrossEm;
  // Lattice anchored so that one block sits in the middle of the image.
  const cu = (width / 2) * d.x + (height / 2) * d.y - sprite.blockU / 2;
  const cv = (width / 2) * n.x + (height / 2) * n.y - sprite.blockV / 2;
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const [px, py] of [[0, 0], [width, 0], [0, height], [width, height]] as const) {
    const u = px * d.x + py * d.y;
    const v = px * n.x + py * n.y;
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const margin = sprite.sizePx * 2;
  const jFrom = Math.floor((vMin - sprite.blockV - margin - cv) / periodV);
  const jTo = Math.ceil((vMax + margin - cv) / periodV);
  for (let j = jFrom; j <= jTo; j++) {
    const v = cv + j * periodV;
    const shift = (j & 1) * (periodU / 2);
    const iFrom = Math.floor((uMin - sprite.blockU - margin - cu - shift) / periodU);
    const iTo = Math.ceil((uMax + margin - cu - shift) / periodU);
    for (let i = iFrom; i <= iTo; i++) {
      const u = cu + shift + i * periodU;
      blendAt(sprite, rgb, width, height, Math.round(u * d.x + v * n.x), Math.round(u * d.y + v * n.y));
    }
  }
}

/** Blends one copy of the sprite with its origin at (ox, oy), clipped to the image. */
function blendAt(s: WatermarkSprite, rgb: Buffer, width: number, height: number, ox: number, oy: number): void {
  const y0 = Math.max(0, oy + s.top);
  const y1 = Math.min(height, oy + s.top + s.rows);
  if (y0 >= y1 || ox + s.right <= 0 || ox + s.left >= width) return;
  const inside = ox + s.left >= 0 && ox + s.right <= width;
  const { rowStart, dx, blend } = s;
  for (let y = y0; y < y1; y++) {
    const r = y - oy - s.top;
    const base = y * width + ox;
    const kEnd = rowStart[r + 1]!;
    for (let k = rowStart[r]!; k < kEnd; k++) {
      const x = dx[k]!;
      if (!inside && (ox + x < 0 || ox + x >= width)) continue;
      const o = (base + x) * 3;
      const b = k * 4;
      const a = blend[b]!;
      rgb[o] = (rgb[o]! * a + blend[b + 1]! + 128) >> 8;
      rgb[o + 1] = (rgb[o + 1]! * a + blend[b + 2]! + 128) >> 8;
      rgb[o + 2] = (rgb[o + 2]! * a + blend[b + 3]! + 128) >> 8;
    }
  }
}
