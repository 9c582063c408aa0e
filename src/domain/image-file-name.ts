/**
 * The file name an image is served under: generated from the category and the image id,
 * never from the name the uploader's file had (which could carry personal data, path
 * tricks or header-breaking characters). `ascii` is the plain `filename=`; `unicode` the
 * `filename*=UTF-8''` form with the category's Chinese name, for browsers that read it.
 */
export function imageFileName(
  image: { id: string; categoryCode: string; categoryName?: string | null | undefined },
  variant: 'full' | 'thumbnail',
): { ascii: string; unicode: string } {
  const suffix = variant === 'thumbnail' ? '-thumb.jpg' : '.jpg';
  const id = image.id.replace(/[^0-9a-f-]/gi, '');
  const code = image.categoryCode.replace(/[^a-z0-9_]/gi, '_') || 'image';
  const name = (image.categoryName ?? '').replace(/[\u0000-\u001f\u007f"\\/:*?<>|]/g, '').trim();
  return { ascii: `${code}-${id}${suffix}`, unicode: `${name || code}-${id}${suffix}` };
}
