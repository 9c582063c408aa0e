/** What the 附件2 commitment letter is filled in with. */
export interface CommitmentLetterData {
  name: string;
  idNumber: string;
  phone: string;
  registrationNo: string;
  generatedAt: Date;
}

/** Renders the 附件2 commitment letter (src/adapters/documents/render-commitment-letter.ts). */
export interface LetterRenderer {
  /** The letter as PDF bytes. */
  renderCommitmentLetter(data: CommitmentLetterData): Promise<Uint8Array>;
}
