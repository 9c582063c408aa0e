/**
 * What the reviewer does to the candidate through a dialog — 通过 / 退回修改 / 审核拒绝,
 * 电话通知, 重新开启 (administrators) — with which dialog is open, the request in flight
 * and the server's answer in the reviewer's words.
 */
import { useState } from 'react';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Outcome } from '../../../../src/domain/review-rules.js';
import { decisionProblemText, isDecisionProblemCode } from '../../../../src/domain/messages/index.js';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { isDialogEntry } from '../../lib/useDialogHistory';
import type { MessageKey } from '../../i18n/messages';
import { reviewApi } from './api';
import type { RequestEntry } from './requests';
import type { PhoneOutcome, ReviewFile } from './types';
import type { ReviewT } from './useReviewText';
import { decisionBody, type VerdictState } from './verdicts';
import { reviewPath } from './useNextCandidate';

export type ReviewDialog = { kind: 'outcome'; outcome: Outcome } | { kind: 'phone' } | { kind: 'reopen' } | null;

export interface ReviewActionsInput {
  no: string;
  file: ReviewFile | null;
  verdicts: VerdictState;
  /** The reviewer holds the claim on a candidate at its step (the marks and a decision are theirs to make). */
  holdsClaim: boolean;
  /** Where to go once decided (the next candidate of the 待审核 queue), or null to stay and see the result. */
  nextAfterDecision: string | null;
  reload(): Promise<unknown>;
  /** The decision ended the claim; the server said the claim is gone. */
  claim: { decided(): void; lost(): void };
  rt: ReviewT;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useReviewActions({ no, file, verdicts, holdsClaim, nextAfterDecision, reload, claim, rt }: ReviewActionsInput) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<ReviewDialog>(null);
  const [busy, setBusy] = useState(false);
  const [decisionError, setDecisionError] = useState<string | null>(null);
  const [reopenError, setReopenError] = useState<string | null>(null);
  /** Set once decided here: the new status, for the 已提交 banner. */
  const [done, setDone] = useState<{ statusLabel: string } | null>(null);

  /** Closes a dialog and takes the focus out of its (closing) fields, so shortcuts work at once. */
  const closeDialog = () => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    setDialog(null);
  };

  /** The marks can be changed and a decision made: the claim is held and no decision was made here yet. */
  const editable = holdsClaim && !done;
  const mayDecide = (outcome: Outcome) => editable && !!file?.allowedActions[outcome];
  const openOutcome = (outcome: Outcome) => {
    if (!mayDecide(outcome)) {
      message.warning(rt('problem.notAllowed'));
      return;
    }
    setDecisionError(null);
    setDialog({ kind: 'outcome', outcome });
  };
  const openPhoneCall = () => setDialog({ kind: 'phone' });
  const openReopen = () => {
    setReopenError(null);
    setDialog({ kind: 'reopen' });
  };

  const submitDecision = async (outcome: Outcome, comment: string, requests: RequestEntry[]) => {
    if (!file) return;
    setBusy(true);
    setDecisionError(null);
    try {
      const reg = await reviewApi.decide(no, decisionBody(verdicts, outcome, comment, requests));
      claim.decided();
      closeDialog();
      const label = t(`status.${reg.status}` as MessageKey);
      message.success(rt('decision.submitted', { name: file.name, status: label }));
      setDone({ statusLabel: label });
      if (nextAfterDecision) {
        // In place of the dialog's history entry: Back from the next candidate comes here once.
        navigate(reviewPath(nextAfterDecision), { replace: isDialogEntry() });
        return;
      }
      void reload();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setDecisionError(String(e));
      } else if (e.code === 'STALE_IMAGES') {
        closeDialog();
        message.warning(rt('decision.stale'), 6);
        await reload();
      } else if (e.code === 'NOT_CLAIMED') {
        claim.lost();
        closeDialog();
        message.error(rt('decision.notClaimed'));
      } else if (e.code === 'DECISION_INVALID' && isDecisionProblemCode(e.details.problem)) {
        // The server's rule by its code, in the reviewer's language, with the server's missing categories.
        const missing = Array.isArray(e.details.missing) ? e.details.missing.map(String) : file.missingRequired;
        setDecisionError(decisionProblemText(e.details.problem, missing, lang));
      } else if (!e.handled) {
        setDecisionError(typeof e.details.reason === 'string' ? e.details.reason : e.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const savePhoneCall = async (outcome: PhoneOutcome, note: string) => {
    setBusy(true);
    try {
      await reviewApi.phoneCall(no, outcome, note);
      closeDialog();
      message.success(rt('phone.saved'));
      void reload();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const reopen = async (reason: string) => {
    setBusy(true);
    setReopenError(null);
    try {
      await reviewApi.reopen(no, reason);
      closeDialog();
      message.success(rt('reopen.done'));
      void reload();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) setReopenError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return { dialog, busy, decisionError, reopenError, done, editable, mayDecide, closeDialog, openOutcome, openPhoneCall, openReopen, submitDecision, savePhoneCall, reopen };
}

export type ReviewActions = ReturnType<typeof useReviewActions>;
