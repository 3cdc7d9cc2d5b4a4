import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Modal,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { OrganizationMember, WorkItem } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { ProgressField, UpdateTextField } from '../work-items/update-fields';

type BulkAction = 'assign_owner' | 'set_deadline' | 'post_update';

interface BulkOutcome {
  action: BulkAction;
  requested: number;
  changed: string[];
  refused: { id: string; status: number; reason: string }[];
}

interface BulkValues {
  ownerId?: string;
  deadline?: { format(pattern: string): string };
  text?: string;
  progress?: number;
}

/**
 * 批量操作 on the selected items: one request, one transaction; afterwards the person reads how
 * many changed and, item by item, why the others were refused.
 */
export function BulkBar({ selected, onDone }: { selected: WorkItem[]; onDone(): void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const me = useMe();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [form] = Form.useForm<BulkValues>();
  const members = useApi(
    (signal) =>
      action === 'assign_owner'
        ? api<OrganizationMember[]>(`/api/organizations/${me.actingOrganizationId}/members`, { signal })
        : null,
    [action, me.actingOrganizationId],
  );
  const apply = useAction(async (values: BulkValues) => {
    const outcome = await api<BulkOutcome>('/api/work-items/bulk', {
      method: 'POST',
      body: {
        action,
        items: selected.map((item) => ({ id: item.id, version: item.version })),
        ownerId: values.ownerId,
        deadline: values.deadline?.format('YYYY-MM-DD'),
        text: values.text?.trim(),
        progress: values.progress ?? undefined,
      },
    });
    setAction(null);
    const titles = new Map(selected.map((item) => [item.id, `${item.title}（${item.organizationName}）`]));
    modal.info({
      title: t('bulk.outcome', { changed: outcome.changed.length, refused: outcome.refused.length }),
      width: 560,
      content: outcome.refused.length ? (
        <ul data-testid="bulk-refusals" style={{ paddingInlineStart: 18 }}>
          {outcome.refused.map((refusal) => (
            <li key={refusal.id}>
              <Typography.Text strong>{titles.get(refusal.id) ?? refusal.id}</Typography.Text>：
              {refusal.reason}
            </li>
          ))}
        </ul>
      ) : null,
    });
    onDone();
  });
  if (!selected.length) return null;

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        message={
          <Space wrap>
            <span>{t('bulk.selected', { count: selected.length })}</span>
            <Button size="small" onClick={() => setAction('assign_owner')}>
              {t('bulk.assign')}
            </Button>
            <Button size="small" onClick={() => setAction('set_deadline')}>
              {t('bulk.deadline')}
            </Button>
            <Button size="small" onClick={() => setAction('post_update')}>
              {t('bulk.update')}
            </Button>
          </Space>
        }
      />
      <Modal
        open={action !== null}
        title={
          action
            ? `${t(`bulk.${action === 'assign_owner' ? 'assign' : action === 'set_deadline' ? 'deadline' : 'update'}`)}（${t('bulk.selected', { count: selected.length })}）`
            : ''
        }
        okText={t('bulk.apply')}
        cancelText={t('common.cancel')}
        confirmLoading={apply.pending}
        onOk={() => form.submit()}
        onCancel={() => {
          apply.clearError();
          setAction(null);
        }}
        destroyOnHidden
      >
        <ErrorAlert error={apply.error} />
        <Form<BulkValues> form={form} layout="vertical" onFinish={apply.run} preserve={false}>
          {action === 'assign_owner' && (
            <Form.Item
              name="ownerId"
              label={t('item.owner')}
              rules={[{ required: true, message: t('bulk.ownerRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={members.loading}
                options={(members.data ?? []).map((m) => ({
                  value: m.id,
                  label: `${m.displayName} <${m.email}>`,
                }))}
              />
            </Form.Item>
          )}
          {action === 'set_deadline' && (
            <Form.Item
              name="deadline"
              label={t('item.deadline')}
              rules={[{ required: true, message: t('bulk.deadlineRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          {action === 'post_update' && (
            <>
              <UpdateTextField />
              <ProgressField label="update.progress" />
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
