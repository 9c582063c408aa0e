/**
 * WOFF 1.0 (W3C Recommendation, 2012), just enough for the letter font: the project ships
 * its TrueType subset zlib-compressed in a WOFF container (half the size on disk), and
 * unwraps it into the plain TrueType font it was made from before fontkit/pdf-lib see it.
 * The wrapping is lossless: unwrapping gives back the sfnt's bytes exactly (tables in their
 * original order, each 4-byte padded with zeros). Pure functions over bytes, node:zlib only.
 */
import { deflateSync, inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

export class WoffFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WoffFormatError';
  }
}

const pad4 = (n: number) => (n + 3) & ~3;

/** True when the bytes start like a WOFF 1.0 file. */
export function isWoff(buf: Uint8Array): boolean {
  return buf.length >= WOFF_HEADER && Buffer.from(buf.buffer, buf.byteOffset, 4).readUInt32BE(0) === WOFF_SIGNATURE;
}

interface SfntTable {
  tag: string;
  checksum: number;
  data: Buffer;
}

/** Wraps a single TrueType/OpenType font in WOFF 1.0, each table zlib-compressed when that is smaller. */
export function sfntToWoff(sfnt: Buffer): Buffer {
  if (sfnt.length < SFNT_HEADER) throw new WoffFormatError('font file is truncated');
  const flavor = sfnt.readUInt32BE(0);
  const numTables = sfnt.readUInt16BE(4);
  if (sfnt.length < SFNT_HEADER + numTables * SFNT_ENTRY) throw new WoffFormatError('font file is truncated');
  const tables: Array<SfntTable & { offset: number }> = [];
  for (let i = 0; i < numTables; i++) {
    const r = SFNT_HEADER + i * SFNT_ENTRY;
    const offset = sfnt.readUInt32BE(r + 8);
    const length = sfnt.readUInt32BE(r + 12);
    if (offset + length > sfnt.length) throw new WoffFormatError('font file is truncated');
    tables.push({ tag: sfnt.toString('latin1', r, r + 4), checksum: sfnt.readUInt32BE(r + 4), offset, data: sfnt.subarray(offset, offset + length) });
  }
  // The directory is sorted by tag (as in the sfnt); the data keeps the sfnt's table order.
  const inFileOrder = [...tables].sort((a, b) => a.offset - b.offset);
  const stored = new Map(
    inFileOrder.map((t) => {
      const z = deflateSync(t.data, { level: 9 });
      return [t.tag, z.length < t.data.length ? z : t.data] as const;
    }),
  );
  let at = WOFF_HEADER + numTables * WOFF_ENTRY;
  const offsets = new Map<string, number>();
  for (const t of inFileOrder) {
    offsets.set(t.tag, at);
    at = pad4(at + stored.get(t.tag)!.length);
  }
  const out = Buffer.alloc(at);
  out.writeUInt32BE(WOFF_SIGNATURE, 0);
  out.writeUInt32BE(flavor, 4);
  out.writeUInt32BE(at, 8);
  out.writeUInt16BE(numTables, 12);
  out.writeUInt32BE(SFNT_HEADER + numTables * SFNT_ENTRY + tables.reduce((n, t) => n + pad4(t.data.length), 0), 16);
  out.writeUInt16BE(1, 20); // version of the font data: 1.0
  tables.forEach((t, i) => {
    const r = WOFF_HEADER + i * WOFF_ENTRY;
    const data = stored.get(t.tag)!;
    out.write(t.tag, r, 4, 'latin1');
    out.writeUInt32BE(offsets.get(t.tag)!, r + 4);
    out.writeUInt32BE(data.length, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    out.writeUInt32BE(t.checksum, r + 16);
    data.copy(out, offsets.get(t.tag)!);
  });
  return out;
}

/** Unwraps a WOFF 1.0 file into the TrueType/OpenType font it holds. */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const buf = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (!isWoff(buf)) throw new WoffFormatError('not a WOFF 1.0 file');
  const flavor = buf.readUInt32BE(4);
  const numTables = buf.readUInt16BE(12);
  if (buf.readUInt32BE(8) !== buf.length) throw new WoffFormatError('WOFF length field does not match the file (truncated?)');
  if (WOFF_HEADER + numTables * WOFF_ENTRY > buf.length) throw new WoffFormatError('WOFF table directory is truncated');
  const tables: Array<SfntTable & { woffOffset: number }> = [];
  for (let i = 0; i < numTables; i++) {
    const r = WOFF_HEADER + i * WOFF_ENTRY;
    const tag = buf.toString('latin1', r, r + 4);
    const offset = buf.readUInt32BE(r + 4);
    const compLength = buf.readUInt32BE(r + 8);
    const origLength = buf.readUInt32BE(r + 12);
    if (offset + compLength > buf.length || compLength > origLength) throw new WoffFormatError(`WOFF table '${tag}' is out of bounds`);
    const raw = buf.subarray(offset, offset + compLength);
    let data: Buffer;
    try {
      data = compLength < origLength ? inflateSync(raw) : raw;
    } catch (err) {
      throw new WoffFormatError(`WOFF table '${tag}' does not inflate: ${(err as Error).message}`);
    }
    if (data.length !== origLength) throw new WoffFormatError(`WOFF table '${tag}' inflates to ${data.length} bytes, not ${origLength}`);
    tables.push({ tag, checksum: buf.readUInt32BE(r + 16), data, woffOffset: offset });
  }
  const dirEnd = SFNT_HEADER + numTables * SFNT_ENTRY;
  let at = dirEnd;
  const offsets = new Map<string, number>();
  for (const t of [...tables].sort((a, b) => a.woffOffset - b.woffOffset)) {
    offsets.set(t.tag, at);
    at = pad4(at + t.data.length);
  }
  const out = Buffer.alloc(at);
  const entrySelector = numTables > 0 ? Math.floor(Math.log2(numTables)) : 0;
  const searchRange = 2 ** entrySelector * SFNT_ENTRY;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * SFNT_ENTRY - searchRange, 10);
  tables.forEach((t, i) => {
    const r = SFNT_HEADER + i * SFNT_ENTRY;
    out.write(t.tag, r, 4, 'latin1');
    out.writeUInt32BE(t.checksum, r + 4);
    out.writeUInt32BE(offsets.get(t.tag)!, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    t.data.copy(out, offsets.get(t.tag)!);
  });
  return out;
}
