import type { Actor, Deps } from './deps.js';
import type { Locale } from '../domain/errors.js';
import { checkPhoto, photoRulesWith, type PhotoCheckReport, type PhotoRuleOverrides } from '../domain/photo-check.js';
import { photoCheckMessage, photoCheckTitle } from '../domain/photo-check-messages.js';

export interface PhotoCheckInput {
  bytes: Buffer;
  rules: PhotoRuleOverrides;
  locale: Locale;
}

export type PhotoCheckResponse = Omit<PhotoCheckReport, 'checks'> & {
  checks: Array<PhotoCheckReport['checks'][number] & { title: string; message: string }>;
};

/**
 * 报名照片检测 for the registration system (and anyone): the same checks as the web page,
 * on the server's decoding. Public; nothing is stored, the photo is dropped after the answer.
 */
export async function runPhotoCheck(deps: Pick<Deps, 'photoDecoder'>, _actor: Actor | null, input: PhotoCheckInput): Promise<PhotoCheckResponse> {
  const decoded = await deps.photoDecoder.decode(input.bytes);
  const report = checkPhoto(
    { format: decoded.format, bytes: input.bytes.length, width: decoded.width, height: decoded.height, exifOrientation: decoded.exifOrientation },
    decoded.pixels,
    photoRulesWith(input.rules),
  );
  return {
    ...report,
    checks: report.checks.map((c) => ({ ...c, title: photoCheckTitle(c.id, input.locale), message: photoCheckMessage(c, input.locale) })),
  };
}
