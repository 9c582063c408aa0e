/**
 * The claim (领取) of one candidate while its review page is open: taken on opening,
 * renewed every few minutes while the reviewer is at work (a heartbeat that stops after 30
 * idle minutes, so an abandoned tab lets go), and given back when the page goes away —
 * leaving for another route, a reload or a closed tab (keepalive fetch, sendBeacon as the
 * fallback). The candidate is locked only while a reviewer really holds it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { ApiError, getCsrfToken } from '../../api/client';
import { releaseOnUnload, reviewApi } from './api';

export const RENEW_EVERY_MS = 5 * 60_000;
/** Past this long without a key, click or wheel, the lease is no longer renewed and lapses. */
export const IDLE_LIMIT_MS = 30 * 60_000;

export type ClaimState =
  | { kind: 'none' }
  | { kind: 'claiming' }
  | { kind: 'mine'; expiresAt: string }
  | { kind: 'other'; by: string | null }
  | { kind: 'notReviewable' }
  | { kind: 'lost' };

/** How many pages of a review are open per candidate (a lease is released when the last closes). */
const openPages = new Map<string, number>();

export interface ReviewClaim {
  claim: ClaimState;
  /** Claims (again); true when the lease is now ours. */
  takeClaim(): Promise<boolean>;
  /** 重试 after losing the claim or finding it held by another: claims again and, when it is ours, reopens (loads the file anew). */
  reclaim(): Promise<void>;
  /** The decision ended the claim on the server. */
  decided(): void;
  /** The server said the claim is gone (NOT_CLAIMED). */
  lost(): void;
}

export function useReviewClaim(no: string, reviewer: boolean, opts: { onOpened: () => Promise<unknown>; onNotFound: () => void }): ReviewClaim {
  const { message } = App.useApp();
  const [claim, setClaim] = useState<ClaimState>(reviewer ? { kind: 'claiming' } : { kind: 'none' });
  const holding = useRef(false);
  /** The lease this page holds (the release names it, so a late one cannot drop a newer claim). */
  const lease = useRef<string | undefined>(undefined);
  const lastActivity = useRef(Date.now());
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const takeClaim = useCallback(async (): Promise<boolean> => {
    setClaim({ kind: 'claiming' });
    try {
      const r = await reviewApi.claim(no);
      holding.current = true;
      lease.current = r.leaseExpiresAt;
      lastActivity.current = Date.now();
      setClaim({ kind: 'mine', expiresAt: r.leaseExpiresAt });
      return true;
    } catch (e) {
      holding.current = false;
      if (e instanceof ApiError && e.code === 'CLAIMED_BY_OTHER') setClaim({ kind: 'other', by: typeof e.details.by === 'string' ? e.details.by : null });
      else if (e instanceof ApiError && e.code === 'NOT_REVIEWABLE') setClaim({ kind: 'notReviewable' });
      else if (e instanceof ApiError && e.status === 404) {
        setClaim({ kind: 'none' });
        optsRef.current.onNotFound();
      } else {
        setClaim({ kind: 'lost' });
        if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
      }
      return false;
    }
  }, [no, message]);

  // Open: claim (reviewers), then load the payload fresh. Leaving the route gives it back.
  useEffect(() => {
    let live = true;
    openPages.set(no, (openPages.get(no) ?? 0) + 1);
    void (async () => {
      if (reviewer) await takeClaim();
      if (!live) {
        if (holding.current && !openPages.get(no)) {
          holding.current = false;
          void reviewApi.release(no, lease.current).catch(() => undefined);
        }
        return;
      }
      await optsRef.current.onOpened();
    })();
    return () => {
      live = false;
      const left = (openPages.get(no) ?? 1) - 1;
      if (left > 0) openPages.set(no, left);
      else openPages.delete(no);
      if (holding.current && left === 0) {
        holding.current = false;
        void reviewApi.release(no, lease.current).catch(() => undefined);
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [no]);

  // Closing the tab, reloading or going to another site gives the lease back too.
  useEffect(() => {
    const onHide = () => {
      if (holding.current) releaseOnUnload(no, getCsrfToken(), lease.current);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [no]);

  // Heartbeat: renew every 5 minutes while the reviewer is at work; say so at once when the
  // lease has lapsed (idle, or the computer slept) instead of failing at submit.
  const expiresAt = claim.kind === 'mine' ? claim.expiresAt : null;
  useEffect(() => {
    if (!expiresAt) return;
    let lastRenew = Date.now();
    let renewing = false;
    const mark = () => {
      lastActivity.current = Date.now();
    };
    const tick = () => {
      if (!holding.current || renewing) return;
      const now = Date.now();
      if (now >= new Date(expiresAt).getTime()) {
        holding.current = false;
        setClaim({ kind: 'lost' });
        return;
      }
      if (now - lastRenew < RENEW_EVERY_MS || now - lastActivity.current > IDLE_LIMIT_MS) return;
      renewing = true;
      reviewApi.claim(no).then(
        (r) => {
          lastRenew = Date.now();
          renewing = false;
          lease.current = r.leaseExpiresAt;
          setClaim({ kind: 'mine', expiresAt: r.leaseExpiresAt });
        },
        () => {
          renewing = false;
          holding.current = false;
          setClaim({ kind: 'lost' });
        },
      );
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    window.addEventListener('keydown', mark, true);
    window.addEventListener('pointerdown', mark, true);
    window.addEventListener('wheel', mark, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisible);
    const id = window.setInterval(tick, 30_000);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('keydown', mark, true);
      window.removeEventListener('pointerdown', mark, true);
      window.removeEventListener('wheel', mark, true);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [expiresAt, no]);

  const reclaim = useCallback(async () => {
    if (await takeClaim()) await optsRef.current.onOpened();
  }, [takeClaim]);
  const decided = useCallback(() => {
    holding.current = false;
    setClaim({ kind: 'none' });
  }, []);
  const lost = useCallback(() => {
    holding.current = false;
    setClaim({ kind: 'lost' });
  }, []);
  return { claim, takeClaim, reclaim, decided, lost };
}
