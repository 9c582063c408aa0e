import { describe, expect, it } from 'vitest';
import { isEditableTarget, resolveShortcut, runShortcut, SHORTCUT_HELP, type KeyPress, type ShortcutHandlers } from '../../web/src/pages/review/keyboard.js';
import { REVIEW_MESSAGES } from '../../web/src/pages/review/review-messages.js';

const key = (k: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, editable: false, ...more,
});
const page = { dialogOpen: false };
const dialog = { dialogOpen: true };

describe('review page keyboard shortcuts', () => {
  it('passes a clean candidate with Shift+A, P, Enter', () => {
    expect(resolveShortcut(key('A', { shiftKey: true }), page)).toEqual({ type: 'approveAll' });
    expect(resolveShortcut(key('p'), page)).toEqual({ type: 'outcome', outcome: 'pass' });
    expect(resolveShortcut(key('Enter'), dialog)).toEqual({ type: 'confirm' });
  });

  it('maps every action, letters in either case', () => {
    const cases: [KeyPress, unknown][] = [
      [key('j'), { type: 'nextImage' }], [key('ArrowRight'), { type: 'nextImage' }],
      [key('K'), { type: 'prevImage' }], [key('ArrowLeft'), { type: 'prevImage' }],
      [key('a'), { type: 'approveImage' }], [key('r'), { type: 'replaceImage' }],
      [key('1'), { type: 'preset', index: 0 }], [key('6'), { type: 'preset', index: 5 }],
      [key('b'), { type: 'outcome', outcome: 'return' }], [key('x'), { type: 'outcome', outcome: 'reject' }],
      [key('n'), { type: 'nextCandidate' }], [key('v'), { type: 'toggleViewer' }],
      [key('+', { shiftKey: true }), { type: 'zoomIn' }], [key('='), { type: 'zoomIn' }], [key('-'), { type: 'zoomOut' }], [key('0'), { type: 'zoomReset' }],
      [key('['), { type: 'rotateLeft' }], [key(']'), { type: 'rotateRight' }],
      [key('t'), { type: 'phoneCall' }], [key('o'), { type: 'reopen' }],
      [key('?', { shiftKey: true }), { type: 'help' }], [key('h'), { type: 'help' }], [key('Escape'), { type: 'escape' }],
    ];
    for (const [k, want] of cases) expect(resolveShortcut(k, page), k.key).toEqual(want);
    expect(resolveShortcut(key('7'), page)).toBeNull();
    expect(resolveShortcut(key('q'), page)).toBeNull();
  });

  it('never fires while typing, during an input method composition, or with Ctrl/⌘/Alt', () => {
    expect(resolveShortcut(key('a', { editable: true }), page)).toBeNull();
    expect(resolveShortcut(key('1', { editable: true }), page)).toBeNull();
    expect(resolveShortcut(key('Enter', { editable: true }), page)).toBeNull();
    expect(resolveShortcut(key('Escape', { editable: true }), page)).toEqual({ type: 'leaveField' });
    expect(resolveShortcut(key('Enter', { isComposing: true }), dialog)).toBeNull(); // 拼音 confirms with Enter
    expect(resolveShortcut(key('Process'), page)).toBeNull();
    expect(resolveShortcut(key('a', { ctrlKey: true }), page)).toBeNull();
    expect(resolveShortcut(key('r', { metaKey: true }), page)).toBeNull();
    expect(resolveShortcut(key('p', { shiftKey: true }), page)).toBeNull();
  });

  it('in a dialog takes only Enter (not Shift+Enter, a new line) and Esc', () => {
    expect(resolveShortcut(key('Enter', { editable: true }), dialog)).toEqual({ type: 'confirm' });
    expect(resolveShortcut(key('Enter', { shiftKey: true, editable: true }), dialog)).toBeNull();
    expect(resolveShortcut(key('Escape'), dialog)).toEqual({ type: 'cancel' });
    expect(resolveShortcut(key('p'), dialog)).toBeNull();
    expect(resolveShortcut(key('A', { shiftKey: true }), dialog)).toBeNull();
  });

  it('hands an action to its handler, and marks or decisions only while the reviewer may edit', () => {
    const taken: string[] = [];
    const handlers: ShortcutHandlers = {
      nextImage: () => void taken.push('next'),
      preset: (a) => void taken.push(`preset ${a.index}`),
      outcome: (a) => void taken.push(a.outcome),
      escape: () => false, // nothing open to close: the browser keeps the key
    };
    expect(runShortcut({ type: 'nextImage' }, handlers, { editable: false })).toBe(true);
    expect(runShortcut({ type: 'outcome', outcome: 'return' }, handlers, { editable: false })).toBe(false);
    expect(runShortcut({ type: 'preset', index: 2 }, handlers, { editable: false })).toBe(false);
    expect(runShortcut({ type: 'outcome', outcome: 'return' }, handlers, { editable: true })).toBe(true);
    expect(runShortcut({ type: 'preset', index: 2 }, handlers, { editable: true })).toBe(true);
    expect(runShortcut({ type: 'escape' }, handlers, { editable: true })).toBe(false);
    expect(runShortcut({ type: 'zoomIn' }, handlers, { editable: true })).toBe(false); // no handler
    expect(taken).toEqual(['next', 'return', 'preset 2']);
  });

  it('knows which elements take text', () => {
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });

  it('lists every shortcut in the help, in both languages', () => {
    for (const row of SHORTCUT_HELP) {
      expect(REVIEW_MESSAGES['zh-CN'][row.label]).toBeTruthy();
      expect(REVIEW_MESSAGES.en[row.label]).toBeTruthy();
    }
  });
});
