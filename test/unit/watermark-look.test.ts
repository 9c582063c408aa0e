import { describe, expect, it } from 'vitest';
import { buildBlendTable, DEFAULT_WATERMARK_STYLE, DENSE_WATERMARK_STYLE } from '../../src/adapters/image/watermark-overlay.js';

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** What the watermark turns one pixel into, for ink and halo coverage 0..255. */
function blended(table: Uint16Array, ink: number, halo: number, [r, g, b]: readonly [number, number, number]) {
  const i = (ink * 256 + halo) * 4;
  const inv = table[i]!;
  const px = (c: number, k: number) => (c * inv + table[i + k]! + 128) >> 8;
  return [px(r, 1), px(g, 2), px(b, 3)] as const;
}

const PAPER = [246, 242, 230] as const;
const PRINT = [25, 25, 25] as const;

describe('watermark look over a document', () => {
  const table = buildBlendTable(DEFAULT_WATERMARK_STYLE);

  it('keeps black print dark under any part of the mark (glyph, edge or halo)', () => {
    let worst = 0;
    for (let ink = 0; ink < 256; ink += 5) for (let halo = ink; halo < 256; halo += 5) worst = Math.max(worst, luma(...blended(table, ink, halo, PRINT)));
    expect(worst).toBeLessThan(60); // the dense mark lifted it to ~90: grey print, lost by OCR
    const dense = buildBlendTable(DENSE_WATERMARK_STYLE);
    expect(luma(...blended(dense, 255, 255, PRINT))).toBeGreaterThan(75);
  });

  it('leaves paper under the mark far lighter than print (print stays the darkest thing), yet visibly red', () => {
    const marked = blended(table, 255, 255, PAPER);
    const print = luma(...PRINT);
    const paper = luma(...PAPER);
    // a document binarised half way between print and paper still sees the mark as paper
    expect(luma(...marked)).toBeGreaterThan((print + paper) / 2 + 40);
    // seen by its colour: red stays up while green and blue drop
    expect(marked[0] - marked[1]).toBeGreaterThan(40);
    expect(PAPER[1] - marked[1]).toBeGreaterThan(40);
  });

  it('still outlines itself on a dark photo (the halo lifts a black background)', () => {
    const [r, g, b] = blended(table, 0, 255, [0, 0, 0]);
    expect(luma(r, g, b)).toBeGreaterThan(15);
  });
});
