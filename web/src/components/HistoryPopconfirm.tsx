import { useState } from 'react';
import { Popconfirm, type PopconfirmProps } from 'antd';
import { useDialogHistory } from '../lib/useDialogHistory';

/**
 * antd's Popconfirm whose question the phone's Back closes (as 取消), staying on the page:
 * while it is open it has a history entry of its own, like every dialog.
 */
export function HistoryPopconfirm({ onOpenChange, ...props }: Omit<PopconfirmProps, 'open'>) {
  const [open, setOpen] = useState(false);
  useDialogHistory(open, () => setOpen(false));
  return (
    <Popconfirm
      {...props}
      open={open}
      onOpenChange={(next, e) => {
        setOpen(next);
        onOpenChange?.(next, e);
      }}
    />
  );
}
