import { useEffect, useRef } from 'react';

/**
 * While `open`, the dialog owns a history entry of its own, so the phone's Back closes the
 * dialog instead of leaving the page. `onBack` runs on Back: it returns true when the dialog
 * closes, false to stay (the entry is put back, so the next Back asks again).
 *
 * A minimal, dialog-local version: the a11y work (issue 13 item 1) brings a shared hook for
 * every dialog; this one can give way to it.
 */
export function useBackGuard(open: boolean, onBack: () => boolean): void {
  const onBackRef = useRef(onBack);
  onBackRef.current = onBack;
  useEffect(() => {
    if (!open) return;
    const mark = `upload-dialog-${Date.now()}-${Math.random()}`;
    // Keep the router's own state (key, idx) so it sees the same location when the entry goes.
    const push = () => window.history.pushState({ ...(window.history.state as object), backGuard: mark }, '');
    push();
    const onPop = () => {
      if ((window.history.state as { backGuard?: string } | null)?.backGuard === mark) return;
      if (!onBackRef.current()) push();
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
      // Closed another way (取消, uploaded): take our entry off again.
      if ((window.history.state as { backGuard?: string } | null)?.backGuard === mark) window.history.back();
    };
  }, [open]);
}
