/**
 * Reads what the browser needs to know about a JPEG before decoding it: the EXIF
 * orientation (tag 0x0112 of IFD0) and the stored pixel size (SOFn). Pure; works on the
 * first bytes of the file (EXIF sits right after the start marker).
 */
export interface JpegInfo {
  /** 1..8; 1 (upright) when absent or unreadable. */
  orientation: number;
  /** Stored (not yet rotated) size from the SOF segment, when found. */
  width?: number;
  height?: number;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function isPng(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

export function readJpegInfo(input: ArrayBuffer | Uint8Array): JpegInfo {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const info: JpegInfo = { orientation: 1 };
  if (!isJpeg(bytes)) return info;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return info; // lost sync: give up quietly
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return info; // image data starts: nothing more to read
    const length = view.getUint16(pos + 2);
    if (length < 2) return info;
    const start = pos + 4;
    const end = pos + 2 + length;
    if (marker === 0xe1 && end <= bytes.length && isExifHeader(bytes, start)) {
      const o = readOrientation(view, start + 6, end);
      if (o !== null) info.orientation = o;
    } else if (SOF_MARKERS.has(marker) && start + 5 <= bytes.length) {
      info.height = view.getUint16(start + 1);
      info.width = view.getUint16(start + 3);
      return info;
    }
    pos = end;
  }
  return info;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return (
    bytes[at] === 0x45 && bytes[at + 1] === 0x78 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x66 &&
    bytes[at + 4] === 0 && bytes[at + 5] === 0
  );
}

function readOrientation(view: DataView, tiff: number, end: number): number | null {
  if (tiff + 8 > end) return null;
  const order = view.getUint16(tiff);
  const little = order === 0x4949; // "II"
  if (!little && order !== 0x4d4d) return null; // "MM"
  if (view.getUint16(tiff + 2, little) !== 0x002a) return null;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > end) return null;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
