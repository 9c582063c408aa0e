/**
 * The review file of one candidate and its claim: a prefetched copy paints at once, then
 * the file is loaded fresh once the claim is settled (it then carries the reviewer's
 * saved draft), and again after each change (a decision, a call, a reclaim).
 */
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { reviewApi } from './api';
import { takePrefetchedFile } from './prefetch';
import { markVisited } from './queue';
import type { ReviewFile } from './types';
import { useReviewClaim, type ReviewClaim } from './useReviewClaim';

export interface ReviewFileState extends ReviewClaim {
  file: ReviewFile | null;
  /** The file has been loaded after the claim (so its draft is the reviewer's own). */
  fresh: boolean;
  loadError: string | null;
  notFound: boolean;
  /** Loads the file again; null when that failed (the error or 404 is then in the state). */
  reload(): Promise<ReviewFile | null>;
}

export function useReviewFile(no: string, reviewer: boolean): ReviewFileState {
  const [file, setFile] = useState<ReviewFile | null>(() => takePrefetchedFile(no));
  const [fresh, setFresh] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);

  const reload = useCallback(async () => {
    try {
      const f = await reviewApi.file(no);
      setFile(f);
      setFresh(true);
      setLoadError(null);
      return f;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else if (!(e instanceof ApiError && e.handled)) setLoadError(e instanceof Error ? e.message : String(e));
      return null;
    }
  }, [no]);

  // Claim on opening (reviewers), then load the payload fresh (a prefetched one is only the
  // first paint); renewed while the page is open, released when it goes away.
  const claim = useReviewClaim(no, reviewer, {
    onOpened: () => {
      markVisited(no);
      return reload();
    },
    onNotFound: () => setNotFound(true),
  });

  return { ...claim, file, fresh, loadError, notFound, reload };
}
