import { App, Button, DatePicker, Form, InputNumber, Select } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { OrganizationMember, WORK_ITEM_STATUSES, WorkItem, WorkItemStatus } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

interface AssignmentValues {
  ownerId: string | null;
  deadline: Dayjs;
  status: WorkItemStatus;
  progress: number;
}

/** People who can own the item: its organization's users and its liaison offices' (the API decides who may see them). */
function useOwnerOptions(item: WorkItem) {
  const members = useApi(
    (signal) => api<OrganizationMember[]>(`/api/organizations/${item.organizationId}/members`, { signal }),
    [item.organizationId],
  );
  const options = new Map<string, string>();
  if (item.ownerId) options.set(item.ownerId, item.ownerName ?? item.ownerId);
  for (const member of members.data ?? []) options.set(member.id, `${member.displayName} <${member.email}>`);
  return [...options].map(([value, label]) => ({ value, label }));
}

/** Owner, deadline, status and progress in one save, guarded by the version read (409 if stale). */
export function AssignmentForm({ item, onSaved }: { item: WorkItem; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<AssignmentValues>();
  const ownerOptions = useOwnerOptions(item);
  const save = useAction(async (values: AssignmentValues) => {
    const changes = {
      ownerId: values.ownerId ?? null,
      deadline: values.deadline.format('YYYY-MM-DD'),
      status: values.status,
      progress: values.progress,
    };
    // Send only what changed, so a save never rewrites a field someone else is responsible for.
    const body: Record<string, unknown> = { version: item.version };
    if (changes.ownerId !== item.ownerId) body.ownerId = changes.ownerId;
    if (changes.deadline !== item.deadline) body.deadline = changes.deadline;
    if (changes.status !== item.status) body.status = changes.status;
    if (changes.progress !== item.progress) body.progress = changes.progress;
    await api(`/api/work-items/${item.id}`, { method: 'PATCH', body });
    message.success(t('item.updated'));
    onSaved();
  });
  const conflict = save.error?.status === 409;

  return (
    <>
      <ErrorAlert error={save.error} onRetry={conflict ? onSaved : undefined} />
      <Form<AssignmentValues>
        form={form}
        layout="vertical"
        // A new version (an update posted, someone else's save) remounts the form with the new values.
        key={`${item.version}:${item.updatedAt}:${item.status}:${item.progress}`}
        initialValues={{
          ownerId: item.ownerId,
          deadline: dayjs(item.deadline),
          status: item.status,
          progress: item.progress,
        }}
        onFinish={save.run}
      >
        <Form.Item label={t('item.owner')} required={false}>
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item name="ownerId" noStyle>
              <Select
                allowClear
                placeholder={t('item.noOwner')}
                options={ownerOptions}
                aria-label={t('item.owner')}
                style={{ flex: 1, minWidth: 0 }}
              />
            </Form.Item>
            {me.actingOrganizationId === item.organizationId && (
              <Button onClick={() => form.setFieldValue('ownerId', me.id)}>{t('item.assignToMe')}</Button>
            )}
          </div>
        </Form.Item>
        <Form.Item name="deadline" label={t('item.deadline')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="status" label={t('item.status')}>
          <Select
            options={WORK_ITEM_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </Form.Item>
        <Form.Item name="progress" label={t('item.progress')}>
          <InputNumber min={0} max={100} step={5} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.pending}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
