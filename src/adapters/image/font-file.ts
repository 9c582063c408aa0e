/**
 * Just enough of the OpenType (sfnt) format to check the shipped watermark font before use
 * (is it a font, what is its family, does it cover every character we draw) and, for the
 * subsetting script, to pull one face out of a TrueType/OpenType collection (.ttc).
 * Pure functions over bytes; no I/O.
 */

interface TableRecord {
  offset: number;
  length: number;
}

const SFNT_VERSIONS = new Set([0x00010000, 0x4f54544f /* 'OTTO' */, 0x74727565 /* 'true' */]);
const TTC_TAG = 0x74746366; // 'ttcf'

export class FontFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontFormatError';
  }
}

function need(buf: Buffer, offset: number, length: number): void {
  if (offset < 0 || offset + length > buf.length) throw new FontFormatError('font file is truncated');
}

/** True when the bytes start like a single OpenType/TrueType font (not a collection, not WOFF). */
export function isSfnt(buf: Buffer): boolean {
  return buf.length >= 12 && SFNT_VERSIONS.has(buf.readUInt32BE(0));
}

function tableDirectory(buf: Buffer, at = 0): Map<string, TableRecord> {
  need(buf, at, 12);
  if (!SFNT_VERSIONS.has(buf.readUInt32BE(at))) throw new FontFormatError('not an OpenType/TrueType font');
  const numTables = buf.readUInt16BE(at + 4);
  need(buf, at + 12, numTables * 16);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const rec = at + 12 + i * 16;
    const tag = buf.toString('latin1', rec, rec + 4);
    const offset = buf.readUInt32BE(rec + 8);
    const length = buf.readUInt32BE(rec + 12);
    need(buf, offset, length);
    tables.set(tag, { offset, length });
  }
  return tables;
}

function table(buf: Buffer, tag: string): Buffer {
  const rec = tableDirectory(buf).get(tag);
  if (!rec) throw new FontFormatError(`font has no '${tag}' table`);
  return buf.subarray(rec.offset, rec.offset + rec.length);
}

/** Number of faces in a .ttc collection (0 when the bytes are not a collection). */
export function ttcFaceCount(buf: Buffer): number {
  if (buf.length < 12 || buf.readUInt32BE(0) !== TTC_TAG) return 0;
  return buf.readUInt32BE(8);
}

/**
 * Copies face `index` of a .ttc collection into a standalone font file. Tables shared
 * between faces (the glyphs) are copied as they are; only the directory is rebuilt.
 */
export function extractTtcFace(buf: Buffer, index: number): Buffer {
  const count = ttcFaceCount(buf);
  if (index < 0 || index >= count) throw new FontFormatError(`collection has ${count} faces, no face ${index}`);
  const dirOffset = buf.readUInt32BE(12 + index * 4);
  const sfntVersion = buf.readUInt32BE(dirOffset);
  const tables = [...tableDirectory(buf, dirOffset).entries()];
  const recs = tables.map(([tag], i) => {
    const rec = dirOffset + 12 + i * 16;
    return { tag, checksum: buf.readUInt32BE(rec + 4) };
  });
  const headerLen = 12 + tables.length * 16;
  let size = headerLen;
  const placed = tables.map(([, rec]) => {
    const at = size;
    size += (rec.length + 3) & ~3;
    return at;
  });
  const out = Buffer.alloc(size);
  out.writeUInt32BE(sfntVersion, 0);
  out.writeUInt16BE(tables.length, 4);
  // searchRange/entrySelector/rangeShift as the spec derives them from numTables.
  const pow = 2 ** Math.floor(Math.log2(tables.length));
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(tables.length * 16 - pow * 16, 10);
  tables.forEach(([, rec], i) => {
    const r = 12 + i * 16;
    out.write(recs[i]!.tag, r, 'latin1');
    out.writeUInt32BE(recs[i]!.checksum, r + 4);
    out.writeUInt32BE(placed[i]!, r + 8);
    out.writeUInt32BE(rec.length, r + 12);
    buf.copy(out, placed[i]!, rec.offset, rec.offset + rec.length);
  });
  return out;
}

export interface FontNames {
  /** nameID 0 */
  copyright?: string;
  /** nameID 1 */
  family?: string;
  /** nameID 2 */
  subfamily?: string;
  /** nameID 4 */
  fullName?: string;
  /** nameID 5 */
  version?: string;
  /** nameID 13 */
  license?: string;
}

/** English names from the 'name' table (Windows/Unicode records preferred, Mac Roman as fallback). */
export function readFontNames(buf: Buffer, faceIndex?: number): FontNames {
  const font = faceIndex === undefined ? buf : extractTtcFace(buf, faceIndex);
  const name = table(font, 'name');
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  const found = new Map<number, { score: number; value: string }>();
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    if (r + 12 > name.length) break;
    const platform = name.readUInt16BE(r);
    const encoding = name.readUInt16BE(r + 2);
    const language = name.readUInt16BE(r + 4);
    const nameId = name.readUInt16BE(r + 6);
    const length = name.readUInt16BE(r + 8);
    const offset = strings + name.readUInt16BE(r + 10);
    if (offset + length > name.length) continue;
    const raw = name.subarray(offset, offset + length);
    let value: string;
    let score: number;
    if ((platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0) {
      const swapped = Buffer.from(raw);
      swapped.swap16();
      value = swapped.toString('utf16le');
      score = platform === 3 && language === 0x409 ? 3 : platform === 0 ? 2 : 1;
    } else if (platform === 1 && encoding === 0 && language === 0) {
      value = raw.toString('latin1');
      score = 0;
    } else {
      continue;
    }
    const prev = found.get(nameId);
    if (!prev || prev.score < score) found.set(nameId, { score, value });
  }
  const get = (id: number) => found.get(id)?.value;
  return {
    copyright: get(0),
    family: get(1),
    subfamily: get(2),
    fullName: get(4),
    version: get(5),
    license: get(13),
  };
}

/** Every Unicode code point the font maps to a glyph (cmap formats 4 and 12). */
export function readCmapCodepoints(buf: Buffer): Set<number> {
  const cmap = table(buf, 'cmap');
  const numTables = cmap.readUInt16BE(2);
  const subtables: { score: number; offset: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const r = 4 + i * 8;
    const platform = cmap.readUInt16BE(r);
    const encoding = cmap.readUInt16BE(r + 2);
    const offset = cmap.readUInt32BE(r + 4);
    if (offset + 4 > cmap.length) continue;
    const format = cmap.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) subtables.push({ score: 2, offset });
    else if (format === 4) subtables.push({ score: 1, offset });
  }
  subtables.sort((a, b) => b.score - a.score);
  const best = subtables[0];
  if (!best) throw new FontFormatError('font has no Unicode character map');
  const points = new Set<number>();
  const at = best.offset;
  if (cmap.readUInt16BE(at) === 12) {
    const groups = cmap.readUInt32BE(at + 12);
    for (let g = 0; g < groups; g++) {
      const r = at + 16 + g * 12;
      const start = cmap.readUInt32BE(r);
      const end = cmap.readUInt32BE(r + 4);
      const startGlyph = cmap.readUInt32BE(r + 8);
      for (let c = start; c <= end && end - start < 0x110000; c++) {
        if (startGlyph + (c - start) !== 0) points.add(c);
      }
    }
  } else {
    const segX2 = cmap.readUInt16BE(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = cmap.readUInt16BE(ends + s * 2);
      const start = cmap.readUInt16BE(starts + s * 2);
      const delta = cmap.readInt16BE(deltas + s * 2);
      const ro = cmap.readUInt16BE(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (ro === 0) glyph = (c + delta) & 0xffff;
        else {
          const ga = rangeOffsets + s * 2 + ro + (c - start) * 2;
          glyph = ga + 2 <= cmap.length ? cmap.readUInt16BE(ga) : 0;
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) points.add(c);
      }
    }
  }
  return points;
}

/** Characters of `text` the font cannot draw (empty when it covers them all). */
export function missingCharacters(font: Buffer, text: string): string[] {
  const have = readCmapCodepoints(font);
  return [...new Set([...text])].filter((ch) => !have.has(ch.codePointAt(0)!));
}

/**
 * The face of `family` in a font file: the file itself when it is a single font, or that face
 * taken out of a collection (.ttc). Throws FontFormatError naming `label` otherwise.
 */
export function faceOfFamily(bytes: Buffer, family: string, label: string): { face: Buffer; index?: number; faces?: number } {
  const faces = ttcFaceCount(bytes);
  let face: Buffer;
  let index: number | undefined;
  if (faces > 0) {
    index = Array.from({ length: faces }, (_, i) => i).find((i) => readFontNames(bytes, i).family === family);
    if (index === undefined) throw new FontFormatError(`no face named "${family}" in ${label}`);
    face = extractTtcFace(bytes, index);
  } else if (isSfnt(bytes)) {
    face = bytes;
  } else {
    throw new FontFormatError(`${label} is neither an OpenType font nor a collection`);
  }
  const found = readFontNames(face).family;
  if (found !== family) throw new FontFormatError(`${label}: family is "${found}", expected "${family}"`);
  return faces > 0 ? { face, index, faces } : { face };
}
