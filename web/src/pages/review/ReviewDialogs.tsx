/** The review page's dialogs, driven by useReviewActions: one open at a time; Enter confirms it, Esc or the phone's Back closes it. */
import type { VerdictState } from './verdicts';
import { DecisionDialog, PhoneCallDialog, ReopenDialog, type ConfirmRef } from './dialogs';
import { PhoneReveal } from './PhoneReveal';
import type { ReviewFile } from './types';
import type { ReviewActions } from './useReviewActions';
import type { ReviewT } from './useReviewText';

export function ReviewDialogs({
  actions,
  file,
  verdicts,
  replaceItems,
  confirmRef,
  rt,
}: {
  actions: ReviewActions;
  file: ReviewFile;
  verdicts: VerdictState;
  /** "毕业证书（图片不清晰，印章看不清）" for each image marked for replacement. */
  replaceItems: string[];
  confirmRef: ConfirmRef;
  rt: ReviewT;
}) {
  const { dialog, busy } = actions;
  const outcome = dialog?.kind === 'outcome' ? dialog.outcome : null;
  return (
    <>
      <DecisionDialog
        outcome={outcome}
        level={file.reviewLevel}
        verdicts={verdicts}
        missingRequired={file.missingRequired}
        categories={file.materials.categories}
        replaceItems={replaceItems}
        allowed={outcome ? actions.mayDecide(outcome) : false}
        serverError={actions.decisionError}
        submitting={busy}
        onSubmit={(comment, requests) => outcome && void actions.submitDecision(outcome, comment, requests)}
        onCancel={actions.closeDialog}
        confirmRef={confirmRef}
        rt={rt}
      />
      <PhoneCallDialog
        open={dialog?.kind === 'phone'}
        phoneMasked={file.phoneMasked}
        phoneSlot={<PhoneReveal no={file.registrationNo} masked={file.phoneMasked} rt={rt} testId="dialog-phone" />}
        saving={busy}
        onSave={(o, n) => void actions.savePhoneCall(o, n)}
        onCancel={actions.closeDialog}
        confirmRef={confirmRef}
        rt={rt}
      />
      <ReopenDialog
        open={dialog?.kind === 'reopen'}
        saving={busy}
        error={actions.reopenError}
        onSave={(r) => void actions.reopen(r)}
        onCancel={actions.closeDialog}
        confirmRef={confirmRef}
        rt={rt}
      />
    </>
  );
}
