import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { requireCandidateFile } from './get-materials.js';

export interface CommitmentLetter {
  pdf: Uint8Array;
  /** A download name, e.g. 附件2-临床实践训练经历满一年证明及个人承诺书-2026990100001.pdf */
  fileName: string;
}

/**
 * 附件2 for the calling candidate, pre-filled with their own name, ID number and phone in
 * full (it is their own document). Any activated candidate may have it (shared/API.md
 * "Documents"); the materials page offers it in the category that needs it.
 */
export async function getCommitmentLetter(deps: Deps, actor: Actor): Promise<CommitmentLetter> {
  const file = await requireCandidateFile(deps, actor);
  if (!file.activated) throw new AppError('ACTIVATION_REQUIRED');
  const pdf = await deps.letters.renderCommitmentLetter({
    name: file.name,
    idNumber: deps.cipher.decrypt(file.idNumberCipher),
    phone: deps.cipher.decrypt(file.phoneCipher),
    registrationNo: file.registrationNo,
    generatedAt: deps.clock.now(),
  });
  return { pdf, fileName: `附件2-临床实践训练经历满一年证明及个人承诺书-${file.registrationNo}.pdf` };
}
