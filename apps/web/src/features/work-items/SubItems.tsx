import { Button, DatePicker, Form, Input, Space, Table } from 'antd';
import { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { WorkItem } from '../../api/types';
import { useAction } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { workItemColumns } from './work-item-columns';

interface SubItemValues {
  title: string;
  deadline: Dayjs;
}

/** Milestones under an item; their progress rolls up into it on the API side. */
export function SubItems({
  item,
  subItems,
  canEdit,
  onChanged,
}: {
  item: WorkItem;
  subItems: WorkItem[];
  canEdit: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<SubItemValues>();
  const add = useAction(async (values: SubItemValues) => {
    await api(`/api/work-items/${item.id}/sub-items`, {
      method: 'POST',
      body: { title: values.title.trim(), deadline: values.deadline.format('YYYY-MM-DD') },
    });
    form.resetFields();
    onChanged();
  });
  return (
    <>
      <Table<WorkItem>
        rowKey="id"
        size="small"
        columns={workItemColumns(t)}
        dataSource={subItems}
        pagination={false}
        scroll={{ x: 800 }}
      />
      {canEdit && (
        <>
          <ErrorAlert error={add.error} />
          <Form<SubItemValues>
            form={form}
            layout="inline"
            onFinish={add.run}
            style={{ marginTop: 12, rowGap: 8 }}
          >
            <Form.Item
              name="title"
              label={t('item.subItemTitle')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="deadline" label={t('item.deadline')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Space>
              <Button htmlType="submit" loading={add.pending}>
                {t('item.addSubItem')}
              </Button>
            </Space>
          </Form>
        </>
      )}
    </>
  );
}
