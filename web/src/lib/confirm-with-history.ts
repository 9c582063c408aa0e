import type { ModalFuncProps } from 'antd';
import { holdDialogEntry } from './useDialogHistory';

/** What antd's App.useApp().modal.confirm (or .success, .warning …) returns, as far as we need it. */
type OpenModal = (config: ModalFuncProps) => { destroy: () => void };

/**
 * Opens one of antd's imperative dialogs (modal.confirm, modal.success …) with a history entry
 * of its own, so the phone's Back closes it the way Esc does (as 取消) and stays on the page.
 * Resolves once the dialog has closed: true when OK was chosen and its onOk went through.
 *
 *   void confirmWithHistory(modal.confirm, { title: '删除这张图片？', onOk: remove });
 */
export function confirmWithHistory(open: OpenModal, config: ModalFuncProps): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let confirmed = false;
    let release = () => {};
    const dialog = open({
      ...config,
      // antd waits for a promise onOk (the OK button spins) and keeps the dialog open if it rejects.
      onOk: async () => {
        await config.onOk?.();
        confirmed = true;
      },
      afterClose: () => {
        release();
        config.afterClose?.();
        resolve(confirmed);
      },
    });
    release = holdDialogEntry(() => dialog.destroy());
  });
}
