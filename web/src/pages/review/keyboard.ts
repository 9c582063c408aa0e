/**
 * Keyboard shortcuts of the review page: tables from a key press to an action, the rule
 * that hands an action to the page's handler for it, and the list the help popover
 * shows. Pure: unit tests drive it (useShortcutKeys binds it to the window).
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

/** Keys that mean the same with or without Shift (on most layouts ? and + need it). */
const SYMBOL_KEYS: ReadonlyMap<string, ShortcutAction> = new Map<string, ShortcutAction>([
  ['Escape', { type: 'escape' }],
  ['ArrowRight', { type: 'nextImage' }],
  ['ArrowLeft', { type: 'prevImage' }],
  ['?', { type: 'help' }],
  ['+', { type: 'zoomIn' }],
  ['=', { type: 'zoomIn' }],
  ['-', { type: 'zoomOut' }],
  ['_', { type: 'zoomOut' }],
  ['0', { type: 'zoomReset' }],
  ['[', { type: 'rotateLeft' }],
  [']', { type: 'rotateRight' }],
  ...[0, 1, 2, 3, 4, 5].map((index): [string, ShortcutAction] => [String(index + 1), { type: 'preset', index }]),
]);

/** Letters, in either case (Caps Lock on or off), without Shift. */
const LETTER_KEYS: ReadonlyMap<string, ShortcutAction> = new Map<string, ShortcutAction>([
  ['j', { type: 'nextImage' }],
  ['k', { type: 'prevImage' }],
  ['a', { type: 'approveImage' }],
  ['r', { type: 'replaceImage' }],
  ['p', { type: 'outcome', outcome: 'pass' }],
  ['b', { type: 'outcome', outcome: 'return' }],
  ['x', { type: 'outcome', outcome: 'reject' }],
  ['n', { type: 'nextCandidate' }],
  ['v', { type: 'toggleViewer' }],
  ['t', { type: 'phoneCall' }],
  ['o', { type: 'reopen' }],
  ['h', { type: 'help' }],
]);

/** Letters with Shift: only Shift+A; any other is left to the browser. */
const SHIFT_LETTER_KEYS: ReadonlyMap<string, ShortcutAction> = new Map<string, ShortcutAction>([['a', { type: 'approveAll' }]]);

export function resolveShortcut(k: KeyPress, ctx: KeyContext): ShortcutAction | null {
  if (k.isComposing || k.key === 'Process' || k.key === 'Unidentified') return null;
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (ctx.dialogOpen) {
    if (k.key === 'Enter' && !k.shiftKey) return { type: 'confirm' };
    return k.key === 'Escape' ? { type: 'cancel' } : null;
  }
  if (k.editable) return k.key === 'Escape' ? { type: 'leaveField' } : null;
  const symbol = SYMBOL_KEYS.get(k.key);
  if (symbol) return symbol;
  if (k.key.length !== 1) return null;
  return (k.shiftKey ? SHIFT_LETTER_KEYS : LETTER_KEYS).get(k.key.toLowerCase()) ?? null;
}

/** What the page does for each action; a handler returning false did not take it (the browser's default then applies). */
export type ShortcutHandlers = { [T in ShortcutAction['type']]?: (a: Extract<ShortcutAction, { type: T }>) => boolean | void };

/** Actions that change the review (marks, a decision): taken only while the reviewer may edit (holds the claim). */
const EDITING_ACTIONS: ReadonlySet<ShortcutAction['type']> = new Set(['approveImage', 'replaceImage', 'preset', 'approveAll', 'outcome']);

/** Hands the action to its handler; true when it was taken. */
export function runShortcut(a: ShortcutAction, handlers: ShortcutHandlers, ctx: { editable: boolean }): boolean {
  if (EDITING_ACTIONS.has(a.type) && !ctx.editable) return false;
  const handler = handlers[a.type] as ((a: ShortcutAction) => boolean | void) | undefined;
  return handler ? handler(a) !== false : false;
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
