import { Alert, App, Button, DatePicker, Form, Select } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { OrganizationMember, WORK_ITEM_STATUSES, WorkItem, WorkItemStatus } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MessageKey, useI18n } from '../../i18n';
import { changedFields, movedFields } from '@xietong/rules';
import { ProgressField } from './update-fields';

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

const FIELD_LABELS: Record<keyof ReturnType<typeof fieldsOf>, MessageKey> = {
  ownerId: 'item.owner',
  deadline: 'item.deadline',
  status: 'item.status',
  progress: 'item.progress',
};

function fieldsOf(item: Pick<WorkItem, 'ownerId' | 'deadline' | 'status' | 'progress'>) {
  return { ownerId: item.ownerId, deadline: item.deadline, status: item.status, progress: item.progress };
}

function formValues(item: WorkItem): AssignmentValues {
  return {
    ownerId: item.ownerId,
    deadline: dayjs(item.deadline),
    status: item.status,
    progress: item.progress,
  };
}

/**
 * Owner, deadline, status and progress in one save. The form remembers the item as the person
 * first saw it and sends only the fields they changed from that, with that version: a progress
 * posted meanwhile (this page's 反馈进展, another tab) is never written back, and a stale version
 * is a 409 shown beside what moved, with everything they typed kept.
 */
export function AssignmentForm({ item, onSaved }: { item: WorkItem; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<AssignmentValues>();
  const ownerOptions = useOwnerOptions(item);
  const [seen, setSeen] = useState(item);
  // A newer item while the person has typed nothing: show it. Once they have, keep their values.
  useEffect(() => {
    if (item.version === seen.version) return;
    if (!form.isFieldsTouched()) {
      // Whether the person has typed lives in antd's form store, outside React state, so only an
      // effect can compare it with the newer item; this runs once per new version.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setSeen(item);
      form.setFieldsValue(formValues(item));
    }
  }, [item, seen.version, form]);
  const save = useAction(async (values: AssignmentValues) => {
    const typed = fieldsOf({
      ...values,
      ownerId: values.ownerId ?? null,
      deadline: values.deadline.format('YYYY-MM-DD'),
    });
    const changes = changedFields(fieldsOf(seen), typed);
    if (!Object.keys(changes).length) {
      message.info(t('item.nothingChanged'));
      return;
    }
    await api(`/api/work-items/${item.id}`, { method: 'PATCH', body: { version: seen.version, ...changes } });
    message.success(t('item.updated'));
    form.resetFields();
    onSaved();
  });
  const conflict = save.error?.status === 409;
  const moved = item.version !== seen.version ? movedFields(fieldsOf(seen), fieldsOf(item)) : [];
  const shown = (field: keyof ReturnType<typeof fieldsOf>, value: unknown) =>
    field === 'ownerId'
      ? ((value === item.ownerId ? item.ownerName : null) ??
        (value ? t('item.otherOwner') : t('item.noOwner')))
      : field === 'status'
        ? t(`status.${value as WorkItemStatus}`)
        : field === 'progress'
          ? `${value as number}%`
          : String(value);

  return (
    <>
      {conflict || moved.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="item-conflict"
          message={t('item.changedMeanwhile')}
          description={
            <>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {moved.map((change) => (
                  <li key={change.field}>
                    {t(FIELD_LABELS[change.field])}：{shown(change.field, change.seen)} →{' '}
                    {shown(change.field, change.current)}
                  </li>
                ))}
              </ul>
              {t('item.keptYourValues')}
            </>
          }
          action={
            <Button
              size="small"
              onClick={() => {
                save.clearError();
                if (item.version === seen.version) onSaved();
                else setSeen(item);
              }}
            >
              {t('item.saveOnLatest')}
            </Button>
          }
        />
      ) : (
        <ErrorAlert error={save.error} />
      )}
      <Form<AssignmentValues>
        form={form}
        layout="vertical"
        initialValues={formValues(seen)}
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
        {/* A confirmed deadline moves only by an approved extension (督办 card), so it is not editable here. */}
        <Form.Item
          name="deadline"
          label={t('item.deadline')}
          rules={[{ required: true }]}
          extra={item.deadlineConfirmed ? t('sv.deadlineLocked') : t('sv.deadlineUnconfirmed')}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} disabled={item.deadlineConfirmed} />
        </Form.Item>
        <Form.Item name="status" label={t('item.status')}>
          <Select
            options={WORK_ITEM_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </Form.Item>
        <ProgressField label="item.progress" />
        <Button type="primary" htmlType="submit" loading={save.pending}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
