import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { UploadFile } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import { WorkItem } from '../../api/types';
import { useAction } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayIn } from '../../components/work-item-tags';
import { useI18n } from '../../i18n';
import { EvidenceField, multipart } from './EvidenceField';

interface ModalShellProps {
  open: boolean;
  title: string;
  pending: boolean;
  error: ApiError | undefined;
  onOk(): void;
  onCancel(): void;
  children: ReactNode;
}

function ModalShell({ open, title, pending, error, onOk, onCancel, children }: ModalShellProps) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={title} okText={t('update.submit')} cancelText={t('common.cancel')} confirmLoading={pending} onOk={onOk} onCancel={onCancel} destroyOnHidden>
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}

interface ExtensionForm {
  requestedDeadline: Dayjs;
  reason: string;
  progress: number;
  files?: UploadFile[];
}

/** 延期申请: reason, progress so far, the proposed date and evidence; the plan's approver decides. */
export function ExtensionRequestModal({ item, open, onClose, onDone }: { item: WorkItem; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ExtensionForm>();
  const send = useAction(async (values: ExtensionForm) => {
    const requestedDeadline = values.requestedDeadline.format('YYYY-MM-DD');
    const past = requestedDeadline < todayIn();
    if (past && !(await modal.confirm({ title: t('sv.confirmPast') }))) return;
    await api(`/api/work-items/${item.id}/extensions`, {
      method: 'POST',
      body: multipart({ requestedDeadline, reason: values.reason.trim(), progress: values.progress, confirmPastDeadline: past || undefined }, values.files),
    });
    message.success(t('sv.done'));
    onDone();
    onClose();
  });
  return (
    <ModalShell open={open} title={`${t('sv.requestExtension')}：${item.title}`} pending={send.pending} error={send.error} onOk={() => form.submit()} onCancel={() => { send.clearError(); onClose(); }}>
      <Form<ExtensionForm> form={form} layout="vertical" initialValues={{ progress: item.progress }} onFinish={send.run} preserve={false}>
        <Form.Item name="requestedDeadline" label={t('sv.requestedDeadline')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.format('YYYY-MM-DD') <= item.deadline} defaultPickerValue={dayjs(item.deadline)} />
        </Form.Item>
        <Form.Item name="reason" label={t('sv.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="progress" label={t('sv.progressSoFar')} rules={[{ required: true, type: 'integer', min: 0, max: 100 }]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <EvidenceField />
      </Form>
    </ModalShell>
  );
}

interface CompletionForm {
  text: string;
  files: UploadFile[];
}

/** Marking done is a final update with evidence; the item then waits for review (待审核). */
export function CompletionModal({ item, open, onClose, onDone }: { item: WorkItem; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CompletionForm>();
  const send = useAction(async (values: CompletionForm) => {
    await api(`/api/work-items/${item.id}/updates`, {
      method: 'POST',
      body: multipart({ text: values.text.trim(), progress: 100, status: 'done' }, values.files),
    });
    message.success(t('sv.done'));
    onDone();
    onClose();
  });
  return (
    <ModalShell open={open} title={`${t('sv.markDone')}：${item.title}`} pending={send.pending} error={send.error} onOk={() => form.submit()} onCancel={() => { send.clearError(); onClose(); }}>
      <Form<CompletionForm> form={form} layout="vertical" onFinish={send.run} preserve={false}>
        <Form.Item name="text" label={t('sv.finalText')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <EvidenceField required />
      </Form>
    </ModalShell>
  );
}

export interface Decision {
  title: string;
  /** The route to POST to and the body field the comment goes in. */
  path: string;
  field: 'note' | 'reason';
  label: string;
  required: boolean;
}

/** Approve / reject an extension, accept / send back a completion: one comment, one POST. */
export function DecisionModal({ decision, onClose, onDone }: { decision: Decision | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const send = useAction(async ({ text }: { text?: string }) => {
    if (!decision) return;
    const trimmed = text?.trim();
    await api(decision.path, { method: 'POST', body: trimmed ? { [decision.field]: trimmed } : {} });
    message.success(t('sv.done'));
    onDone();
    onClose();
  });
  return (
    <ModalShell open={decision !== null} title={decision?.title ?? ''} pending={send.pending} error={send.error} onOk={() => form.submit()} onCancel={() => { send.clearError(); onClose(); }}>
      <Form form={form} layout="vertical" onFinish={send.run} preserve={false}>
        <Form.Item name="text" label={decision?.label} rules={decision?.required ? [{ required: true, whitespace: true, message: t('sv.noteRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </ModalShell>
  );
}
