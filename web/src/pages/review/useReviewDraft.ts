/**
 * Saves the reviewer's per-image marks to the server as they work (PUT …/draft, bound to
 * the claim), a moment after the last change, so a reload or another device finds them.
 * Nothing is sent while the page is read only or before the marks differ from what was
 * loaded.
 */
import { useEffect, useRef } from 'react';
import { reviewApi } from './api';
import { draftBody, type VerdictState } from './verdicts';

const SAVE_AFTER_MS = 400;

export function useReviewDraft(no: string, verdicts: VerdictState, editable: boolean, loadedKey: string | null): void {
  const lastSaved = useRef<string | null>(null);
  // What the server already has (the draft loaded with the file) is not sent back.
  useEffect(() => {
    lastSaved.current = loadedKey;
  }, [loadedKey]);
  const body = JSON.stringify(draftBody(verdicts));
  useEffect(() => {
    if (!editable || verdicts.order.length === 0 || body === lastSaved.current) return;
    const id = window.setTimeout(() => {
      lastSaved.current = body;
      // A failure (lease lapsed, images changed) shows up at the decision; the marks stay on screen.
      reviewApi.saveDraft(no, JSON.parse(body)).catch(() => {
        lastSaved.current = null;
      });
    }, SAVE_AFTER_MS);
    return () => window.clearTimeout(id);
  }, [body, editable, no, verdicts.order.length]);
}
