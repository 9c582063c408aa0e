/**
 * Keyboard shortcuts of the review page, as a pure mapping from a key press to an
 * action, and the list the help popover shows. Pure: unit tests drive it.
 *
 * A clean candidate passes in three keys: Shift+A (approve every image), P (通过),
 * Enter (confirm). Typing in a field never triggers a shortcut (Esc leaves the field);
 * an input method's composition (Chinese input) never does either; in an open dialog
 * only Enter (confirm; Shift+Enter is a new line) and Esc (cancel) are taken.
 */
export type ShortcutAction =
  | { type: 'nextImage' }
  | { type: 'prevImage' }
  | { type: 'approveImage' }
  | { type: 'replaceImage' }
  | { type: 'preset'; index: number }
  | { type: 'approveAll' }
  | { type: 'outcome'; outcome: 'pass' | 'return' | 'reject' }
  | { type: 'confirm' }
  | { type: 'nextCandidate' }
  | { type: 'toggleViewer' }
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'zoomReset' }
  | { type: 'rotateLeft' }
  | { type: 'rotateRight' }
  | { type: 'phoneCall' }
  | { type: 'reopen' }
  | { type: 'help' }
  | { type: 'leaveField' }
  | { type: 'escape' }
  | { type: 'cancel' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** KeyboardEvent.isComposing (an IME is composing). */
  isComposing: boolean;
  /** Focus is in a text field, select or contenteditable. */
  editable: boolean;
}

export interface KeyContext {
  /** A dialog (outcome, phone call, reopen) is open. */
  dialogOpen: boolean;
}

export function resolveShortcut(k: KeyPress, ctx: KeyContext): ShortcutAction | null {
  if (k.isComposing || k.key === 'Process' || k.key === 'Unidentified') return null;
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (ctx.dialogOpen) {
    if (k.key === 'Enter' && !k.shiftKey) return { type: 'confirm' };
    return k.key === 'Escape' ? { type: 'cancel' } : null;
  }
  if (k.editable) return k.key === 'Escape' ? { type: 'leaveField' } : null;

  switch (k.key) {
    case 'Escape':
      return { type: 'escape' };
    case 'ArrowRight':
      return { type: 'nextImage' };
    case 'ArrowLeft':
      return { type: 'prevImage' };
    case '?':
      return { type: 'help' };
    case '+':
    case '=':
      return { type: 'zoomIn' };
    case '-':
    case '_':
      return { type: 'zoomOut' };
    case '0':
      return { type: 'zoomReset' };
    case '[':
      return { type: 'rotateLeft' };
    case ']':
      return { type: 'rotateRight' };
    default:
      break;
  }
  if (/^[1-6]$/.test(k.key)) return { type: 'preset', index: Number(k.key) - 1 };

  const letter = k.key.length === 1 ? k.key.toLowerCase() : '';
  if (k.shiftKey) return letter === 'a' ? { type: 'approveAll' } : null;
  switch (letter) {
    case 'j':
      return { type: 'nextImage' };
    case 'k':
      return { type: 'prevImage' };
    case 'a':
      return { type: 'approveImage' };
    case 'r':
      return { type: 'replaceImage' };
    case 'p':
      return { type: 'outcome', outcome: 'pass' };
    case 'b':
      return { type: 'outcome', outcome: 'return' };
    case 'x':
      return { type: 'outcome', outcome: 'reject' };
    case 'n':
      return { type: 'nextCandidate' };
    case 'v':
      return { type: 'toggleViewer' };
    case 't':
      return { type: 'phoneCall' };
    case 'o':
      return { type: 'reopen' };
    case 'h':
      return { type: 'help' };
    default:
      return null;
  }
}

/** The help popover's rows: keys as shown, and the message key of what they do. */
export const SHORTCUT_HELP = [
  { keys: ['J', '→'], label: 'keys.nextImage' },
  { keys: ['K', '←'], label: 'keys.prevImage' },
  { keys: ['A'], label: 'keys.approveImage' },
  { keys: ['R'], label: 'keys.replaceImage' },
  { keys: ['1', '…', '6'], label: 'keys.preset' },
  { keys: ['Shift', 'A'], label: 'keys.approveAll' },
  { keys: ['P'], label: 'keys.pass' },
  { keys: ['B'], label: 'keys.return' },
  { keys: ['X'], label: 'keys.reject' },
  { keys: ['Enter'], label: 'keys.confirm' },
  { keys: ['N'], label: 'keys.nextCandidate' },
  { keys: ['V'], label: 'keys.viewer' },
  { keys: ['+', '−', '0'], label: 'keys.zoom' },
  { keys: ['[', ']'], label: 'keys.rotate' },
  { keys: ['T'], label: 'keys.phoneCall' },
  { keys: ['O'], label: 'keys.reopen' },
  { keys: ['Esc'], label: 'keys.escape' },
  { keys: ['?', 'H'], label: 'keys.help' },
] as const;

/** Is this element one where keys are text (so shortcuts must not fire)? */
export function isEditableTarget(el: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!el || !el.tagName) return false;
  const tag = el.tagName.toUpperCase();
  if (el.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  return false;
}
