/**
 * The pure part of the zoomable preview: scale and pan of a picture shown fitted and
 * centred in a box, zoomed about a point and kept on screen. Offsets are in CSS px from
 * the centred position; points are relative to the box's centre.
 */

export interface View {
  /** 1 = fitted (the picture's size at rest). */
  scale: number;
  x: number;
  y: number;
}

export interface Extent {
  width: number;
  height: number;
}

export interface ZoomSizes {
  box: Extent;
  /** The picture at scale 1. */
  image: Extent;
  maxScale: number;
}

/** Keeps the picture covering the box where it is larger than the box, centred where it is not. */
export function clampOffset(v: View, s: { box: Extent; image: Extent }): View {
  const limit = (img: number, box: number) => Math.max(0, (img * v.scale - box) / 2);
  const lx = limit(s.image.width, s.box.width);
  const ly = limit(s.image.height, s.box.height);
  const clamp = (n: number, l: number) => (l === 0 ? 0 : Math.min(l, Math.max(-l, n)));
  return { scale: v.scale, x: clamp(v.x, lx), y: clamp(v.y, ly) };
}

/**
 * Zooms by `factor` about (px, py), so the picture's point under it stays under it; the
 * scale stays within [1, maxScale].
 */
export function zoomAt(v: View, factor: number, px: number, py: number, s: ZoomSizes): View {
  const scale = Math.min(s.maxScale, Math.max(1, v.scale * factor));
  if (scale === 1) return { scale: 1, x: 0, y: 0 };
  const k = scale / v.scale;
  return clampOffset({ scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k }, s);
}
