/**
 * People-facing words of the photo checks (photo-check.ts), zh-CN first, English alike.
 * Shared by the API (the report's `message`) and the web page, so both say the same thing.
 * Each failure says what to do.
 */
import type { PhotoCheckId, PhotoCheckItem } from './photo-check.js';

export type PhotoLocale = 'zh-CN' | 'en';

const TITLES: Record<PhotoCheckId, { zh: string; en: string }> = {
  format: { zh: '文件格式', en: 'File format' },
  file_size: { zh: '文件大小', en: 'File size' },
  dimensions: { zh: '像素尺寸', en: 'Pixel size' },
  aspect: { zh: '宽高比例', en: 'Aspect ratio' },
  orientation: { zh: '照片方向', en: 'Orientation' },
  background: { zh: '背景', en: 'Background' },
};

/**
 * "29.4KB（30,105 字节）": KB with one decimal (1 KB = 1,024 bytes), rounded up so a file
 * over the limit never shows as within it (附件3 Q11), and the exact byte count.
 */
export function formatKb(bytes: number, locale: PhotoLocale = 'zh-CN'): string {
  const kb = (Math.ceil((bytes / 1024) * 10) / 10).toFixed(1);
  const exact = bytes.toLocaleString('en-US');
  return locale === 'en' ? `${kb} KB (${exact} bytes)` : `${kb}KB（${exact} 字节）`;
}

const FORMAT_NAMES: Record<string, string> = {
  jpeg: 'JPG', png: 'PNG', gif: 'GIF', webp: 'WebP', heic: 'HEIC', avif: 'AVIF', tiff: 'TIFF', bmp: 'BMP', svg: 'SVG', pdf: 'PDF',
};
export const formatName = (f: unknown) => FORMAT_NAMES[String(f)] ?? String(f).toUpperCase();

const EXIF_TURN: Record<number, { zh: string; en: string }> = {
  2: { zh: '左右翻转', en: 'mirrored' },
  3: { zh: '旋转 180°', en: 'turned 180°' },
  4: { zh: '上下翻转', en: 'flipped' },
  5: { zh: '翻转并旋转 90°', en: 'mirrored and turned 90°' },
  6: { zh: '旋转 90°', en: 'turned 90°' },
  7: { zh: '翻转并旋转 90°', en: 'mirrored and turned 90°' },
  8: { zh: '旋转 90°', en: 'turned 90°' },
};

export function photoCheckTitle(id: PhotoCheckId, locale: PhotoLocale = 'zh-CN'): string {
  return locale === 'en' ? TITLES[id].en : TITLES[id].zh;
}

/** One sentence for a check result; for a failure it includes what to do. */
export function photoCheckMessage(c: PhotoCheckItem, locale: PhotoLocale = 'zh-CN'): string {
  const p = c.params;
  const en = locale === 'en';
  const n = (k: string) => Number(p[k]);
  switch (`${c.id}:${c.reason}`) {
    case 'format:jpeg':
      return en ? 'JPG.' : '为 JPG 格式。';
    case 'format:not_jpeg':
      return en
        ? `The file is ${formatName(p.format)}, not JPG. The fix saves it as JPG.`
        : `文件实际为 ${formatName(p.format)} 格式，不是 JPG（改扩展名无效）。修复后将保存为 JPG。`;
    case 'file_size:within':
      return en ? `${formatKb(n('bytes'), locale)}, within ${formatKb(n('maxBytes'), locale)}.` : `${formatKb(n('bytes'))}，不超过 ${Math.round(n('maxBytes') / 1024)}KB。`;
    case 'file_size:too_large':
      return en
        ? `${formatKb(n('bytes'), locale)}: over the limit of ${Math.round(n('maxBytes') / 1024)} KB. The fix recompresses it to fit.`
        : `实际为 ${formatKb(n('bytes'))}，超过 ${Math.round(n('maxBytes') / 1024)}KB。修复时将重新压缩到 ${Math.round(n('maxBytes') / 1024)}KB 以内。`;
    case 'dimensions:exact':
      return en ? `${n('width')}×${n('height')} px, as required.` : `${n('width')}×${n('height')} 像素，符合要求。`;
    case 'dimensions:too_small':
      return en
        ? `${n('width')}×${n('height')} px; ${n('requiredWidth')}×${n('requiredHeight')} px is required. The fix enlarges it, which may look soft: a sharper original is better.`
        : `为 ${n('width')}×${n('height')} 像素，要求 ${n('requiredWidth')}×${n('requiredHeight')} 像素。修复时会放大，可能变模糊，最好换用更清晰的原照片。`;
    case 'dimensions:other':
      return en
        ? `${n('width')}×${n('height')} px; ${n('requiredWidth')}×${n('requiredHeight')} px is required. The fix scales it.`
        : `为 ${n('width')}×${n('height')} 像素，要求 ${n('requiredWidth')}×${n('requiredHeight')} 像素。修复时将缩放到该尺寸。`;
    case 'aspect:match':
      return en ? `Width : height = ${p.ratio}, as required.` : `宽高比 ${p.ratio}，符合要求。`;
    case 'aspect:too_wide':
      return en
        ? `Too wide (width : height = ${p.ratio}, ${p.requiredRatio} required). The fix crops the sides or pads top and bottom.`
        : `照片偏宽（宽高比 ${p.ratio}，要求 ${p.requiredRatio}）。修复时将裁去两侧，或在上下补背景色。`;
    case 'aspect:too_tall':
      return en
        ? `Too tall (width : height = ${p.ratio}, ${p.requiredRatio} required). The fix crops top and bottom or pads the sides.`
        : `照片偏高（宽高比 ${p.ratio}，要求 ${p.requiredRatio}）。修复时将裁去上下，或在两侧补背景色。`;
    case 'orientation:upright':
      return en ? 'Portrait, with no rotation tag.' : '竖幅正向，无旋转标记。';
    case 'orientation:exif_rotated': {
      const turn = EXIF_TURN[n('exifOrientation')] ?? { zh: '旋转', en: 'rotated' };
      return en
        ? `The file carries a rotation tag (${turn.en}): some systems show it sideways. The fix stores it upright without the tag.`
        : `文件带有拍摄方向标记（${turn.zh}），在部分系统中会显示为躺倒或颠倒。修复时将按正向重新保存并去掉该标记。`;
    }
    case 'orientation:landscape':
      return en
        ? 'The picture is landscape. If the person lies on their side, turn it with the rotate buttons; if upright, the fix crops it to portrait.'
        : '照片为横幅。如人像躺倒，请用“向左/向右旋转”按钮摆正；如人像正立，修复时将裁成竖幅。';
    case 'background:plain_light':
      return en ? `Plain and light (brightness ${n('luma')}).` : `纯色浅色背景（亮度 ${n('luma')}）。`;
    case 'background:too_dark':
      return en
        ? `Too dark (brightness ${n('luma')}, at least ${n('minLuma')} needed). Take the photo again in front of a white or light plain wall.`
        : `背景偏暗（亮度 ${n('luma')}，要求不低于 ${n('minLuma')}），无法自动修复。请在白色或浅色纯色墙面前重新拍摄。`;
    case 'background:not_plain':
      return en
        ? `Not plain (variation ${n('spread')}, at most ${n('maxSpread')} allowed). Take the photo again in front of a plain wall, with nothing behind you.`
        : `背景不是纯色（明暗起伏 ${n('spread')}，要求不超过 ${n('maxSpread')}），无法自动修复。请在纯色墙面前重新拍摄，身后不要有杂物。`;
    case 'background:not_measured':
      return en ? 'Could not be judged (the picture could not be read).' : '无法判断（未能读取图像内容）。';
    default:
      return `${c.id}: ${c.reason}`;
  }
}
