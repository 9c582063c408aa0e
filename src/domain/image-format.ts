/**
 * What an uploaded file really is, judged from its first bytes (magic numbers), never from
 * its name or the browser's Content-Type. Pure: no I/O, no decoding.
 */
export type SniffedImageFormat =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'svg'
  | 'heic'
  | 'avif'
  | 'tiff'
  | 'bmp'
  | 'pdf'
  | 'unknown';

/** The formats the upload pipeline accepts. */
export const ACCEPTED_IMAGE_FORMATS: readonly SniffedImageFormat[] = ['jpeg', 'png'];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_GENERIC_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);

/** ISO base media file (HEIF family): 'ftyp' box first, brands tell AVIF from HEIC. */
function sniffIsoBmff(b: Uint8Array): 'heic' | 'avif' | undefined {
  if (b.length < 12 || ascii(b, 4, 8) !== 'ftyp') return undefined;
  const boxSize = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  const end = Math.min(b.length, boxSize >= 16 ? boxSize : 32);
  const brands = [ascii(b, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, at + 4));
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIC_BRANDS.has(x) || HEIF_GENERIC_BRANDS.has(x))) return 'heic';
  return undefined;
}

/** Text that looks like an SVG document: optional BOM and whitespace, then XML/`<svg`. */
function looksLikeSvg(b: Uint8Array): boolean {
  const head = b.subarray(0, 4096);
  let text: string;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const le = head[0] === 0xff;
    const chars: number[] = [];
    for (let i = 2; i + 1 < head.length; i += 2) chars.push(le ? head[i]! | (head[i + 1]! << 8) : (head[i]! << 8) | head[i + 1]!);
    text = String.fromCharCode(...chars);
  } else {
    const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(start));
  }
  const trimmed = text.replace(/^[\s\u0000]+/, '');
  if (!trimmed.startsWith('<')) return false;
  return /<svg[\s>/:]/i.test(trimmed) || /^<!doctype\s+svg/i.test(trimmed);
}

export function sniffImageFormat(bytes: Uint8Array): SniffedImageFormat {
  const b = bytes;
  if (b.length === 0) return 'unknown';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || // II*\0 little-endian TIFF
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) || // MM\0* big-endian TIFF
    startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || // BigTIFF
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])
  ) {
    return 'tiff';
  }
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  // 'BM' then a file size and two reserved zero words; a bare "BM" could be text.
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0) return 'bmp';
  if (looksLikeSvg(b)) return 'svg';
  return 'unknown';
}

export const isAcceptedImageFormat = (f: SniffedImageFormat): f is 'jpeg' | 'png' => f === 'jpeg' || f === 'png';
