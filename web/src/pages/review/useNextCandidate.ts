/**
 * 下一位: the next candidate of the reviewer's queue (same filters, skipping those already
 * opened in this round), found and fetched ahead while the current one is reviewed.
 */
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { reviewApi } from './api';
import { prefetchCandidate } from './prefetch';
import { nextQuery, pickNext, visitedSet, type QueueFilters } from './queue';
import type { ReviewT } from './useReviewText';

async function findNext(filters: QueueFilters, current: string): Promise<string | null> {
  const visited = visitedSet();
  let cursor: string | null = null;
  for (let page = 0; page < 4; page++) {
    const r = await reviewApi.queue(nextQuery(filters, cursor));
    const pick = pickNext(r.items, current, visited);
    if (pick) return pick;
    if (!r.nextCursor) return null;
    cursor = r.nextCursor;
  }
  return null;
}

export const reviewPath = (no: string) => `/review/${encodeURIComponent(no)}`;

export interface NextCandidate {
  /** undefined while looking, null when there is none. */
  nextNo: string | null | undefined;
  /** Opens the next candidate (looking again if none was found ahead), or says there is none. */
  goNext(): Promise<void>;
}

/** Starts looking once `ready` (the current file is on screen). */
export function useNextCandidate(filters: QueueFilters, no: string, ready: boolean, rt: ReviewT): NextCandidate {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [nextNo, setNextNo] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    findNext(filters, no)
      .then((n) => {
        if (!live) return;
        setNextNo(n);
        if (n) void prefetchCandidate(n);
      })
      .catch(() => live && setNextNo(null));
    return () => {
      live = false;
    };
  }, [ready, filters, no]);

  const goNext = useCallback(async () => {
    let n = nextNo ?? null;
    if (!n) {
      try {
        n = await findNext(filters, no);
      } catch {
        n = null;
      }
    }
    if (!n) {
      message.info(rt('page.noNext'));
      return;
    }
    navigate(reviewPath(n));
  }, [nextNo, filters, no, message, navigate, rt]);

  return { nextNo, goNext };
}
