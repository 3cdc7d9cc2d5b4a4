import { App, Form, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { WORK_ITEM_STATUSES, WorkItem, WorkItemStatus } from '../../api/types';
import { useAction } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { ProgressField, UpdateTextField } from './update-fields';

interface UpdateForm {
  text: string;
  progress: number;
  status: WorkItemStatus;
}

interface PostUpdateModalProps {
  item: Pick<WorkItem, 'id' | 'title' | 'progress' | 'status'> | null;
  onClose(): void;
  onPosted(): void;
}

/** 进展反馈: one text, optionally the new progress and status; the same form everywhere. */
export function PostUpdateModal({ item, onClose, onPosted }: PostUpdateModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateForm>();
  const post = useAction(async (values: UpdateForm) => {
    if (!item) return;
    await api(`/api/work-items/${item.id}/updates`, {
      method: 'POST',
      body: {
        text: values.text.trim(),
        // Only what changed: an unchanged progress or status is not a claim the user made.
        progress: values.progress !== item.progress ? values.progress : undefined,
        status: values.status !== item.status ? values.status : undefined,
      },
    });
    message.success(t('update.posted'));
    form.resetFields();
    onPosted();
    onClose();
  });

  return (
    <Modal
      open={item !== null}
      title={`${t('update.title')}：${item?.title ?? ''}`}
      okText={t('update.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={post.pending}
      onOk={() => form.submit()}
      onCancel={() => {
        post.clearError();
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={post.error} />
      <Form<UpdateForm>
        form={form}
        layout="vertical"
        initialValues={{ progress: item?.progress ?? 0, status: item?.status ?? 'in_progress', text: '' }}
        onFinish={post.run}
        preserve={false}
      >
        <UpdateTextField autoFocus />
        <ProgressField label="update.progress" />
        <Form.Item name="status" label={t('update.status')}>
          <Select
            options={WORK_ITEM_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
