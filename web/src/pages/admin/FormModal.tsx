import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useAdminText } from './useAdminText';
import { useDialogHistory } from '../../lib/useDialogHistory';

/**
 * The administration console's edit dialog: one vertical antd Form in a Modal with 取消 and
 * an OK button (保存 unless told), emptied when it closes. OK validates the form (antd shows
 * what is wrong) and hands the values to onSubmit; the dialog closes when onSubmit answers
 * true, i.e. the change was saved. Back closes it like 取消 (a history entry of its own).
 */
export function FormModal<V>({
  form,
  title,
  open,
  onClose,
  onSubmit,
  okText,
  confirmLoading,
  width,
  children,
}: {
  form: FormInstance<V>;
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: V) => Promise<boolean>;
  okText?: string;
  confirmLoading?: boolean;
  width?: number;
  children: ReactNode;
}) {
  const t = useAdminText();
  // The phone's Back closes the form as 取消 does, and the page stays.
  useDialogHistory(open, onClose);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form marks the fields to fix
    }
    if (await onSubmit(values)) onClose();
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => void submit()} confirmLoading={confirmLoading} okText={okText ?? t('common.save')} cancelText={t('common.cancel')} width={width} destroyOnHidden>
      <Form form={form} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}
