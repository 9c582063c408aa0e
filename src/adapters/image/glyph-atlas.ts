/**
 * Text for the watermark without per-upload text rendering.
 *
 * Once per process, sharp's text input (Pango + the font file the project ships) renders
 * every single character we may need (printable ASCII) and each fixed Chinese phrase into an
 * 8-bit coverage mask. A per-upload line ("报名号 2026110100123") is then assembled by
 * placing those masks side by side in plain JS (see watermark-overlay.ts).
 *
 * Pango crops its output to the ink box, which loses both the baseline and the advance
 * width. So every piece is rendered between two vertical bars, "|x|": the bars reach above
 * every ascender and below every descender, which pins the vertical box (same height and
 * baseline for every piece), and the distance between the bars, less the gap that "||"
 * alone leaves, is the advance width of x.
 */
import sharp from 'sharp';

/** One pre-rendered piece: an advance-wide, atlas-high coverage mask (0 = empty, 255 = ink). */
export interface GlyphCell {
  width: number;
  mask: Uint8Array;
}

export interface GlyphAtlas {
  /** Height in px of every cell (bar height: from above ascenders to below descenders). */
  readonly height: number;
  /** Font size the atlas was rendered at, in px. */
  readonly sizePx: number;
  /** Single characters. */
  readonly glyphs: ReadonlyMap<string, GlyphCell>;
  /** Fixed phrases rendered whole (keeps the font's own spacing for Chinese). */
  readonly phrases: ReadonlyMap<string, GlyphCell>;
}

export interface GlyphAtlasOptions {
  fontFile: string;
  family: string;
  sizePx: number;
  /** Characters to render one by one. */
  characters: string;
  /** Phrases to render whole. */
  phrases: readonly string[];
}

/** A line being assembled: a list of atlas pieces laid out left to right. */
export type LinePiece = { phrase: string } | { text: string } | { space: number };

const escapeMarkup = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface RenderedMask {
  width: number;
  height: number;
  data: Buffer;
}

async function renderMask(opts: GlyphAtlasOptions, text: string): Promise<RenderedMask> {
  const { data, info } = await sharp({
    text: {
      text: escapeMarkup(text),
      font: `${opts.family} ${opts.sizePx}px`,
      fontfile: opts.fontFile,
      dpi: 72,
    },
  })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** First and last inked rows of column x (the bar), or undefined if that column is empty. */
function inkedRows(m: RenderedMask, x: number): { top: number; bottom: number } | undefined {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < m.height; y++) {
    if (m.data[y * m.width + x]! > 63) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? undefined : { top, bottom };
}

/** Width of the inked run that starts at column 0 (the left bar). */
function barWidth(m: RenderedMask): number {
  let x = 0;
  const columnInked = (cx: number) => {
    for (let y = 0; y < m.height; y++) if (m.data[y * m.width + cx]! > 0) return true;
    return false;
  };
  while (x < m.width && columnInked(x)) x++;
  return x;
}

export async function buildGlyphAtlas(opts: GlyphAtlasOptions): Promise<GlyphAtlas> {
  const ref = await renderMask(opts, '||');
  const bar = barWidth(ref);
  // The bar's darkest column (at small sizes a 1–2 px bar is split over two grey columns).
  const mid = ref.width * Math.floor(ref.height / 2);
  let barColumn = 0;
  for (let x = 1; x < bar; x++) if (ref.data[mid + x]! > ref.data[mid + barColumn]!) barColumn = x;
  const refRows = inkedRows(ref, barColumn);
  if (bar === 0 || !refRows || bar * 2 >= ref.width) {
    throw new Error(`watermark font ${opts.fontFile}: could not measure the reference bars`);
  }
  const gap = ref.width - 2 * bar;
  const height = ref.height;
  const lead = bar + Math.floor(gap / 2);

  const cut = (m: RenderedMask, piece: string): GlyphCell => {
    const width = Math.max(0, m.width - ref.width);
    const mask = new Uint8Array(width * height);
    // Align on the left bar's top row, in case a glyph made the render taller.
    const rows = inkedRows(m, barColumn);
    const dy = rows ? rows.top - refRows.top : 0;
    for (let y = 0; y < height; y++) {
      const sy = y + dy;
      if (sy < 0 || sy >= m.height) continue;
      const from = sy * m.width + lead;
      mask.set(m.data.subarray(from, from + width), y * width);
    }
    if (piece.trim() !== '' && !mask.some((v) => v > 63)) {
      throw new Error(`watermark font ${opts.fontFile}: "${piece}" rendered empty`);
    }
    return { width, mask };
  };

  const chars = [...new Set([...opts.characters])];
  // Render in parallel: each render is a libuv-pool job of a few ms.
  const [glyphMasks, phraseMasks] = await Promise.all([
    Promise.all(chars.map((c) => renderMask(opts, `|${c}|`))),
    Promise.all(opts.phrases.map((p) => renderMask(opts, `|${p}|`))),
  ]);
  const glyphs = new Map<string, GlyphCell>();
  chars.forEach((c, i) => glyphs.set(c, cut(glyphMasks[i]!, c)));
  const phrases = new Map<string, GlyphCell>();
  opts.phrases.forEach((p, i) => phrases.set(p, cut(phraseMasks[i]!, p)));
  return { height, sizePx: opts.sizePx, glyphs, phrases };
}

/** A cell placed on a line, `x` px from the line's start. */
export interface PlacedCell {
  cell: GlyphCell;
  /** Which atlas entry: the phrase, or the single character. */
  key: string;
  x: number;
}

/**
 * Lays pieces out left to right on one line: where each pre-rendered cell goes, and the
 * line's width. Characters missing from the atlas are drawn as '?'.
 */
export function layoutLine(atlas: GlyphAtlas, pieces: readonly LinePiece[]): { cells: PlacedCell[]; width: number } {
  const cells: PlacedCell[] = [];
  let x = 0;
  for (const piece of pieces) {
    if ('space' in piece) {
      x += Math.round(piece.space);
    } else if ('phrase' in piece) {
      const cell = atlas.phrases.get(piece.phrase);
      if (!cell) throw new Error(`phrase not in the watermark atlas: ${piece.phrase}`);
      cells.push({ cell, key: piece.phrase, x });
      x += cell.width;
    } else {
      for (const ch of piece.text) {
        const key = atlas.glyphs.has(ch) ? ch : '?';
        const cell = atlas.glyphs.get(key);
        if (!cell) throw new Error(`character not in the watermark atlas: ${ch}`);
        cells.push({ cell, key, x });
        x += cell.width;
      }
    }
  }
  return { cells, width: x };
}
