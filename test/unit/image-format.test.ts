import { describe, expect, it } from 'vitest';
import { isAcceptedImageFormat, sniffImageFormat } from '../../src/domain/image-format.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const ftyp = (major: string, ...compatible: string[]): Uint8Array => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'mdat');
};

describe('sniffImageFormat', () => {
  it.each([
    ['jpeg (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'jpeg'],
    ['jpeg (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif'), 'jpeg'],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'png'],
    ['gif87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif'],
    ['gif89a', bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['avif', ftyp('avif', 'mif1', 'miaf'), 'avif'],
    ['avif by compatible brand', ftyp('mif1', 'avif', 'miaf'), 'avif'],
    ['heic', ftyp('heic', 'mif1', 'heic'), 'heic'],
    ['heif generic', ftyp('mif1', 'heic'), 'heic'],
    ['tiff little-endian', bytes('II', [0x2a, 0, 8, 0, 0, 0]), 'tiff'],
    ['tiff big-endian', bytes('MM', [0, 0x2a, 0, 0, 0, 8]), 'tiff'],
    ['bigtiff', bytes('II', [0x2b, 0, 8, 0, 0, 0]), 'tiff'],
    ['bmp', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0]), 'bmp'],
    ['pdf', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'pdf'],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'svg'],
    ['svg with xml prolog', bytes('<?xml version="1.0"?>\n<svg width="1" height="1"/>'), 'svg'],
    ['svg after BOM and whitespace', bytes([0xef, 0xbb, 0xbf], '\r\n  \t<svg>'), 'svg'],
    ['svg with doctype and comment', bytes('<!-- x -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'), 'svg'],
    ['svg with namespace prefix', bytes('<?xml version="1.0"?><svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'), 'svg'],
    ['svg in UTF-16LE', Uint8Array.from([0xff, 0xfe, ...[...'<svg/>'].flatMap((c) => [c.charCodeAt(0), 0])]), 'svg'],
    ['empty', new Uint8Array(0), 'unknown'],
    ['plain text', bytes('hello, this is not an image'), 'unknown'],
    ['html', bytes('<!doctype html><html><script>alert(1)</script></html>'), 'unknown'],
    ['xml that is not svg', bytes('<?xml version="1.0"?><note>svg</note>'), 'unknown'],
    ['"BM" text', bytes('BMW is a car brand, not a bitmap'), 'unknown'],
    ['two bytes of a jpeg', bytes([0xff, 0xd8]), 'unknown'],
    ['png signature cut short', bytes([0x89], 'PNG', [0x0d, 0x0a]), 'unknown'],
    ['ftyp of a video', ftyp('isom', 'iso2', 'mp41'), 'unknown'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(sniffImageFormat(input)).toBe(expected);
  });

  it('accepts a Node Buffer as well as a Uint8Array', () => {
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('jpeg');
  });

  it('judges by bytes, not by what an HTML tail or a name claims', () => {
    const polyglot = bytes([0xff, 0xd8, 0xff, 0xe0], '<html><svg></svg></html>');
    expect(sniffImageFormat(polyglot)).toBe('jpeg');
  });

  it('only JPEG and PNG are accepted', () => {
    expect(isAcceptedImageFormat('jpeg')).toBe(true);
    expect(isAcceptedImageFormat('png')).toBe(true);
    for (const f of ['gif', 'webp', 'svg', 'heic', 'avif', 'tiff', 'bmp', 'pdf', 'unknown'] as const) {
      expect(isAcceptedImageFormat(f)).toBe(false);
    }
  });
});
