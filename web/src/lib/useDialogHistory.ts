import { useEffect, useRef } from 'react';

/** The key in history.state listing the dialogs open at that entry (kept beside React Router's own state). */
const KEY = 'openDialogs';

type DialogState = Record<string, unknown> & { [KEY]?: string[] };

function currentState(): DialogState {
  const s: unknown = window.history.state;
  return s && typeof s === 'object' ? (s as DialogState) : {};
}

function isOpenAtCurrentEntry(id: string): boolean {
  return currentState()[KEY]?.includes(id) ?? false;
}

/**
 * Whether the current history entry is an open dialog's (pushed by useDialogHistory). An app
 * that navigates on from an open dialog (e.g. to the next candidate once decided) replaces
 * that entry, so Back afterwards goes where it went before the dialog opened.
 */
export function isDialogEntry(): boolean {
  return (currentState()[KEY]?.length ?? 0) > 0;
}

/** A history.back() of a dialog that closed, until its popstate arrives: a dialog opening meanwhile waits for it, or Back would take the new entry. */
let backPending: Promise<void> | null = null;

function takeEntryBack(): void {
  const pending: Promise<void> = new Promise<void>((resolve) => {
    const done = () => {
      window.removeEventListener('popstate', done);
      clearTimeout(timer);
      if (backPending === pending) backPending = null; // a step over a closed entry may have started the next one
      resolve();
    };
    const timer = setTimeout(done, 3000); // no popstate (nothing to go back to): do not wait for ever
    window.addEventListener('popstate', done);
  });
  backPending = pending;
  window.history.back();
}

/**
 * Dialogs that closed while another one stood on top of them (a form that saved and opened a
 * notice): their entries are still below the other's and cannot be taken back without closing
 * it. Reaching such an entry, by Back or by the dialog above closing, steps over it, so Back
 * never lands on a dialog that is no longer there.
 */
const closedUnderneath = new Set<string>();

function topDialog(): string | undefined {
  const open = currentState()[KEY];
  return open?.[open.length - 1];
}

let skipping = false;
/** Registered once, before any dialog's own listener, so a closed entry is left before they look. */
function skipClosedEntries(): void {
  if (skipping) return;
  skipping = true;
  window.addEventListener('popstate', () => {
    const top = topDialog();
    if (top && closedUnderneath.has(top)) takeEntryBack();
  });
}

let lastId = 0;

/**
 * The history entry of one open dialog, for code that opens dialogs imperatively (antd's
 * modal.confirm): pushes the entry now and calls `onBack` when Back takes it away — `onBack`
 * returns false (or a promise of false) to stay open, and the entry is put back. Call the
 * returned function when the dialog closes any other way: it takes the entry back, so Back
 * afterwards goes where it went before the dialog opened.
 */
export function holdDialogEntry(onBack: () => void | boolean | Promise<void | boolean>): () => void {
  skipClosedEntries();
  lastId += 1;
  const id = `dialog-${lastId}`;
  let pushed = false;
  let active = true;
  const push = async () => {
    while (backPending) await backPending;
    if (!active) return;
    const state = currentState();
    window.history.pushState({ ...state, [KEY]: [...(state[KEY] ?? []), id] }, '');
    pushed = true;
  };
  const onPopState = () => {
    if (!pushed || isOpenAtCurrentEntry(id)) return;
    pushed = false; // Back took our entry away
    void Promise.resolve(onBack()).then((result) => {
      if (result === false && active && !pushed) void push();
    });
  };
  void push();
  window.addEventListener('popstate', onPopState);
  return () => {
    if (!active) return;
    active = false;
    window.removeEventListener('popstate', onPopState);
    // Closed by a button or Esc (or unmounted): take our entry back, unless the app has
    // navigated on from it meanwhile (then Back simply shows the same page once more), or
    // another dialog opened on top of ours (then ours is stepped over on the way back).
    if (!pushed || !isOpenAtCurrentEntry(id)) return;
    if (topDialog() === id) takeEntryBack();
    else closedUnderneath.add(id);
  };
}

/**
 * What the phone's Back button does while a dialog is open: close the dialog, not leave the page.
 *
 * While `open`, the dialog has a history entry of its own (same URL; React Router's state is
 * kept, so the router sees no navigation). Back takes that entry away and calls `onBack`, which
 * closes the dialog — or asks first (e.g. "discard the prepared photo?") and returns `false`
 * (or a promise of false) to stay open; the entry is then put back, so the next Back asks again.
 * Closing the dialog any other way (its buttons, Esc) removes the entry, so Back afterwards
 * goes where it went before the dialog opened.
 *
 *   const [open, setOpen] = useState(false);
 *   useDialogHistory(open, () => setOpen(false));
 *   <Modal open={open} onCancel={() => setOpen(false)} … />
 */
export function useDialogHistory(open: boolean, onBack: () => void | boolean | Promise<void | boolean>): void {
  const onBackRef = useRef(onBack);
  onBackRef.current = onBack;
  useEffect(() => (open ? holdDialogEntry(() => onBackRef.current()) : undefined), [open]);
}
