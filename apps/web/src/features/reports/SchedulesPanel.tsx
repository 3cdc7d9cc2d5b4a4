import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Popconfirm, Select, Table, Typography } from 'antd';
import { api } from '../../api/client';
import { PlanDetail, REPORT_FORMATS, ReportFormat, ReportSchedule } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { CRON_PRESETS, presetOf } from './cron-presets';

interface ScheduleValues {
  cron: string;
  formats: ReportFormat[];
  recipientIds: string[];
}

const PLAN_TIME_ZONE = 'Asia/Shanghai';

/** Report schedules of one plan: managers pick a preset time, formats and recipients. */
export function SchedulesPanel({ plan }: { plan: PlanDetail }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<ScheduleValues>();
  const schedules = useApi(
    (signal) => api<ReportSchedule[]>('/api/report-schedules', { query: { planId: plan.id }, signal }),
    [plan.id],
  );
  const create = useAction(async (values: ScheduleValues) => {
    await api('/api/report-schedules', {
      method: 'POST',
      body: {
        planId: plan.id,
        cron: values.cron,
        timezone: plan.timeZone || PLAN_TIME_ZONE,
        formats: values.formats,
        recipientIds: values.recipientIds,
        locale,
      },
    });
    message.success(t('reports.scheduleCreated'));
    form.resetFields();
    schedules.reload();
  });
  const remove = useAction(async (id: string) => {
    await api(`/api/report-schedules/${id}`, { method: 'DELETE' });
    message.success(t('reports.deleted'));
    schedules.reload();
  });

  const people = new Map(
    plan.managers.map((manager) => [manager.id, `${manager.displayName} <${manager.email}>`]),
  );
  people.set(me.id, `${me.displayName} <${me.email}>`);
  const describeCron = (cron: string) => {
    const preset = presetOf(cron);
    return preset ? t(preset.label) : t('reports.customCron', { cron });
  };

  return (
    <Card size="small" title={t('reports.schedules')}>
      <ErrorAlert error={remove.error} />
      <AsyncContent state={schedules}>
        {(list) => (
          <Table<ReportSchedule>
            rowKey="id"
            size="small"
            dataSource={list}
            pagination={false}
            scroll={{ x: 700 }}
            locale={{ emptyText: t('reports.noSchedules') }}
            columns={[
              {
                title: t('reports.when'),
                key: 'cron',
                render: (_v, schedule) => describeCron(schedule.cron),
              },
              { title: t('reports.timezone'), dataIndex: 'timezone', width: 130 },
              {
                title: t('reports.formats'),
                key: 'formats',
                width: 140,
                render: (_v, schedule) => schedule.formats.join(', ').toUpperCase(),
              },
              {
                title: t('reports.recipients'),
                key: 'recipients',
                render: (_v, schedule) => schedule.recipientIds.map((id) => people.get(id) ?? id).join('；'),
              },
              {
                title: t('reports.nextRun'),
                key: 'nextRunAt',
                width: 170,
                render: (_v, schedule) =>
                  typeof schedule.nextRunAt === 'string'
                    ? new Date(schedule.nextRunAt).toLocaleString()
                    : '—',
              },
              {
                title: '',
                key: 'actions',
                width: 60,
                render: (_v, schedule) => (
                  <Popconfirm title={t('reports.delete')} onConfirm={() => remove.run(schedule.id)}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('reports.delete')} />
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </AsyncContent>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('reports.addSchedule')}
      </Typography.Title>
      <ErrorAlert error={create.error} />
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        initialValues={{ cron: CRON_PRESETS[0].cron, formats: ['xlsx', 'pdf'], recipientIds: [me.id] }}
        onFinish={create.run}
      >
        <Form.Item name="cron" label={t('reports.when')} rules={[{ required: true }]}>
          <Select
            options={CRON_PRESETS.map((preset) => ({ value: preset.cron, label: t(preset.label) }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item
          name="formats"
          label={t('reports.formats')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Checkbox.Group
            options={REPORT_FORMATS.map((format) => ({ value: format, label: format.toUpperCase() }))}
          />
        </Form.Item>
        <Form.Item
          name="recipientIds"
          label={t('reports.recipients')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            options={[...people].map(([value, label]) => ({ value, label }))}
            style={{ maxWidth: 480 }}
          />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={create.pending}>
          {t('reports.addSchedule')}
        </Button>
      </Form>
    </Card>
  );
}
