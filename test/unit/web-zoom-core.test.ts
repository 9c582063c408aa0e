import { describe, expect, it } from 'vitest';
import { clampOffset, zoomAt, type View } from '../../web/src/lib/zoom-core.js';

const sizes = { box: { width: 300, height: 400 }, image: { width: 300, height: 225 }, maxScale: 8 };
const FIT: View = { scale: 1, x: 0, y: 0 };

/** Where a point of the picture (relative to its centre, at scale 1) is on screen. */
const onScreen = (v: View, qx: number, qy: number) => [v.x + v.scale * qx, v.y + v.scale * qy];

describe('web zoom-core', () => {
  it('keeps the picture point under the fingers where it was while zooming', () => {
    const v = zoomAt(FIT, 2, 100, 10, sizes);
    expect(v.scale).toBe(2);
    // the point at (100, 10) on screen was picture point (100, 10) at scale 1
    expect(onScreen(v, 100, 10)).toEqual([100, 10]);
    const w = zoomAt(v, 1.5, -40, 20, sizes);
    const q = [(-40 - v.x) / v.scale, (20 - v.y) / v.scale] as const;
    const [sx, sy] = onScreen(w, q[0], q[1]);
    expect(sx).toBeCloseTo(-40);
    // vertically the zoomed picture (225×3 = 675 px) covers the 400 px box, so no clamping here
    expect(sy).toBeCloseTo(20);
  });

  it('never zooms out past fitted, nor in past the maximum', () => {
    expect(zoomAt(FIT, 0.5, 10, 10, sizes)).toEqual(FIT);
    expect(zoomAt({ scale: 2, x: 50, y: 0 }, 0.3, 0, 0, sizes)).toEqual(FIT);
    expect(zoomAt(FIT, 100, 0, 0, sizes).scale).toBe(8);
  });

  it('does not let the picture be dragged off the box', () => {
    // at 2×: 600×450 in a 300×400 box → at most 150 px sideways, 25 px up or down
    expect(clampOffset({ scale: 2, x: 1000, y: -1000 }, sizes)).toEqual({ scale: 2, x: 150, y: -25 });
    // a side still smaller than the box stays centred
    expect(clampOffset({ scale: 1.2, x: 5, y: 30 }, sizes).y).toBe(0);
  });
});
