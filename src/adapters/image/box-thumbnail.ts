/**
 * A thumbnail from pixels already decoded: every output pixel is the mean of the source
 * block it covers (area averaging). For the 5× and more a thumbnail shrinks this is what a
 * box filter does in libvips, without handing the 5.8 MB buffer to libvips a second time.
 */
export function boxThumbnail(
  data: Uint8Array,
  width: number,
  height: number,
  channels: number,
  maxSide: number,
): { data: Buffer; width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const outW = Math.max(1, Math.round(width * scale));
  const outH = Math.max(1, Math.round(height * scale));
  const out = Buffer.allocUnsafe(outW * outH * channels);
  // Source column range of each output column.
  const x0 = new Int32Array(outW + 1);
  for (let x = 0; x <= outW; x++) x0[x] = Math.min(width, Math.round((x * width) / outW));
  const acc = new Uint32Array(outW * channels);
  const rowBytes = width * channels;
  for (let y = 0; y < outH; y++) {
    const sy0 = Math.round((y * height) / outH);
    const sy1 = Math.max(sy0 + 1, Math.min(height, Math.round(((y + 1) * height) / outH)));
    acc.fill(0);
    for (let sy = sy0; sy < sy1; sy++) {
      let p = sy * rowBytes;
      for (let x = 0; x < outW; x++) {
        const a = x * channels;
        const end = Math.max(x0[x]! + 1, x0[x + 1]!) * channels + sy * rowBytes;
        for (; p < end; p += channels) {
          for (let c = 0; c < channels; c++) acc[a + c]! += data[p + c]!;
        }
      }
    }
    const o = y * outW * channels;
    for (let x = 0; x < outW; x++) {
      const n = (Math.max(x0[x]! + 1, x0[x + 1]!) - x0[x]!) * (sy1 - sy0);
      const a = x * channels;
      for (let c = 0; c < channels; c++) out[o + a + c] = Math.round(acc[a + c]! / n);
    }
  }
  return { data: out, width: outW, height: outH };
}
