/**
 * The quality a JPEG was saved at, estimated from its luminance quantisation table (the
 * DQT segment), on the IJG 1–100 scale that libjpeg, browsers' canvas.toBlob and sharp use.
 * Pure: reads the header bytes, decodes nothing.
 *
 * Why: re-encoding a JPEG at a higher quality than it was saved at adds no detail, it only
 * spends bytes reproducing the first encoder's artefacts. The upload pipeline therefore never
 * encodes above the source's quality, which keeps stored images near their upload size and
 * spares it a second encode to meet the byte budget.
 */

/** IJG (Annex K) luminance table in natural (row-major) order. */
const STD_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87,
  80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92,
  95, 98, 112, 100, 103, 99,
] as const;

/** Natural-order index of the k-th coefficient in zigzag order (the order DQT stores them in). */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35,
  42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62,
  63,
] as const;

/** The luminance table libjpeg's jpeg_set_quality(q, force_baseline) writes, zigzag order. */
export function ijgLuminanceTable(quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return ZIGZAG.map((n) => Math.min(255, Math.max(1, Math.floor((STD_LUMINANCE[n]! * scale + 50) / 100))));
}

const IJG_TABLES = Array.from({ length: 100 }, (_, i) => ijgLuminanceTable(i + 1));

/**
 * Table 0 of the first DQT segment before the scan, in zigzag order, or undefined when the
 * bytes are not a JPEG or have none. Walks the marker segments only.
 */
export function readLuminanceTable(bytes: Uint8Array): number[] | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan or end: no table before it
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    if (marker === 0xdb) {
      // One segment may hold several tables: Pq (precision) and Tq (id) in one byte each.
      let p = at + 4;
      const end = at + 2 + length;
      while (p < end) {
        const precision = bytes[p]! >> 4;
        const id = bytes[p]! & 0x0f;
        const size = precision === 0 ? 64 : 128;
        if (p + 1 + size > end) return undefined;
        if (id === 0) {
          const table: number[] = [];
          for (let k = 0; k < 64; k++) {
            table.push(precision === 0 ? bytes[p + 1 + k]! : (bytes[p + 1 + 2 * k]! << 8) | bytes[p + 2 + 2 * k]!);
          }
          return table;
        }
        p += 1 + size;
      }
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * The IJG quality whose luminance table is closest to the file's (least squared difference),
 * or undefined when the file has no readable table. Tables from other encoders (phone
 * cameras) map to the quality whose table they are closest to.
 */
export function estimateJpegQuality(bytes: Uint8Array): number | undefined {
  const table = readLuminanceTable(bytes);
  if (!table || table.some((v) => v === 0)) return undefined;
  let best = 1;
  let bestError = Infinity;
  for (let q = 1; q <= 100; q++) {
    const ref = IJG_TABLES[q - 1]!;
    let error = 0;
    for (let k = 0; k < 64; k++) error += (table[k]! - ref[k]!) ** 2;
    if (error < bestError || (error === bestError && q > best)) {
      best = q;
      bestError = error;
    }
  }
  return best;
}
