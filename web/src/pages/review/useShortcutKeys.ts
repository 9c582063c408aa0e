/**
 * Wires the review page's keyboard map (keyboard.ts, pure) to the window: one keydown
 * listener that resolves the key and hands the action to the page's handler for it; when
 * the handler takes it, the browser's default is prevented.
 */
import { useEffect, useRef } from 'react';
import { isEditableTarget, resolveShortcut, runShortcut, type ShortcutHandlers } from './keyboard';

export function useShortcutKeys(handlers: ShortcutHandlers, ctx: { dialogOpen: boolean; editable: boolean }): void {
  const latest = useRef({ handlers, editable: ctx.editable });
  latest.current = { handlers, editable: ctx.editable };
  const { dialogOpen } = ctx;
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
      if (action && runShortcut(action, latest.current.handlers, { editable: latest.current.editable })) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);
}
