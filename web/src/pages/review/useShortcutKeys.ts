/**
 * Wires the review page's keyboard map (keyboard.ts, pure) to the window: one keydown
 * listener that resolves the key and hands the action to the page's handler, which says
 * whether it took it (then the browser's default is prevented).
 */
import { useEffect, useRef } from 'react';
import { isEditableTarget, resolveShortcut, type ShortcutAction } from './keyboard';

export function useShortcutKeys(dialogOpen: boolean, onShortcut: (a: ShortcutAction) => boolean): void {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = resolveShortcut(
        {
          key: e.key,
          shiftKey: e.shiftKey,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          isComposing: e.isComposing || e.keyCode === 229,
          editable: isEditableTarget(e.target as HTMLElement | null),
        },
        { dialogOpen },
      );
      if (action && handler.current(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);
}
