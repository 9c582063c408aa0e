import { useState } from 'react';
import { Image, type ImageProps } from 'antd';
import { useDialogHistory } from '../lib/useDialogHistory';

/** antd's Image whose large preview the phone's Back closes (a history entry while it is open), staying on the page. */
export function HistoryImage(props: Omit<ImageProps, 'preview'>) {
  const [open, setOpen] = useState(false);
  useDialogHistory(open, () => setOpen(false));
  return <Image {...props} preview={{ visible: open, onVisibleChange: setOpen }} />;
}
