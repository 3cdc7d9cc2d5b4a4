import { App, Button, Form, Input, List, Modal, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { Organization, WebhookEndpoint } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { labelOf, useI18n } from '../../i18n';

export const ORGANIZATION_KINDS = ['province', 'central', 'city', 'liaison_office', 'enterprise'] as const;
const ROBOT_FORMATS = ['wecom', 'dingtalk', 'feishu', 'json'] as const;

interface OrganizationValues {
  code: string;
  name: string;
  kind: string;
  shortNames: string[];
  aliases: string[];
  parentId: string | null;
  verified: boolean;
}

/** The form's fields as an organization has them. */
function valuesOf(organization: Organization): OrganizationValues {
  return {
    code: organization.code,
    name: organization.name,
    kind: organization.kind,
    shortNames: organization.shortNames ?? [],
    aliases: organization.aliases ?? [],
    parentId: organization.parentId ?? null,
    verified: organization.verified,
  };
}

/** Only what the admin changed goes out, so a save never overwrites another admin's edit of another field. */
function changedFields(
  values: OrganizationValues,
  original: Organization | null,
): Partial<OrganizationValues> {
  if (!original) return values;
  const before = valuesOf(original);
  return Object.fromEntries(
    (Object.keys(values) as (keyof OrganizationValues)[])
      .filter((key) => JSON.stringify(values[key] ?? null) !== JSON.stringify(before[key] ?? null))
      .map((key) => [key, values[key] ?? null]),
  );
}

/** The organization's group robots (WeCom / DingTalk / Feishu, signed webhooks), if it has any, and a way to add one. */
function RobotSettings({ organization }: { organization: Organization }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; url: string; format: string; secret?: string }>();
  const robots = useApi(
    (signal) => api<WebhookEndpoint[]>(`/api/organizations/${organization.id}/webhooks`, { signal }),
    [organization.id],
  );
  const add = useAction(async (values: { name: string; url: string; format: string; secret?: string }) => {
    await api(`/api/organizations/${organization.id}/webhooks`, {
      method: 'POST',
      body: { ...values, secret: values.secret || undefined },
    });
    form.resetFields();
    robots.reload();
  });
  const remove = useAction(async (robot: WebhookEndpoint) => {
    await api(`/api/organizations/${organization.id}/webhooks/${robot.id}`, { method: 'DELETE' });
    robots.reload();
  });
  return (
    <div data-testid="robot-settings">
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('admin.robots')}
      </Typography.Title>
      <ErrorAlert error={robots.error ?? remove.error} onRetry={robots.reload} />
      <List<WebhookEndpoint>
        size="small"
        loading={robots.loading}
        dataSource={robots.data ?? []}
        locale={{ emptyText: t('admin.noRobots') }}
        renderItem={(robot) => (
          <List.Item
            actions={[
              <Popconfirm
                key="remove"
                title={t('admin.removeRobotConfirm', { name: robot.name })}
                okText={t('admin.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.run(robot)}
              >
                <Button size="small" danger type="link">
                  {t('admin.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={robot.name}
              description={
                <>
                  {labelOf(t, `admin.robotFormat.${robot.format}`, robot.format)} ·{' '}
                  {/* The URL of a robot carries its key: the host is enough to recognise it. */}
                  {safeHost(robot.url)}
                </>
              }
            />
          </List.Item>
        )}
      />
      <ErrorAlert error={add.error} />
      <Form form={form} layout="vertical" onFinish={add.run} initialValues={{ format: 'wecom' }}>
        <Space.Compact block style={{ flexWrap: 'wrap' }}>
          <Form.Item
            name="name"
            label={t('admin.robotName')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
            style={{ flex: '1 1 140px', marginRight: 8 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="format" label={t('admin.robotFormat')} style={{ flex: '1 1 140px' }}>
            <Select
              options={ROBOT_FORMATS.map((format) => ({
                value: format,
                label: labelOf(t, `admin.robotFormat.${format}`, format),
              }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="url"
          label={t('admin.robotUrl')}
          rules={[{ required: true, type: 'url', max: 2000 }]}
        >
          <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </Form.Item>
        <Form.Item name="secret" label={t('admin.robotSecret')} rules={[{ max: 200 }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={add.pending} data-testid="add-robot">
          {t('admin.addRobot')}
        </Button>
      </Form>
    </div>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '—';
  }
}

/** Create (organization null) or edit a unit of the dictionary; the API's 400/409 shows in the form. */
export function OrganizationModal({
  open,
  organization,
  organizations,
  onClose,
  onSaved,
}: {
  open: boolean;
  organization: Organization | null;
  organizations: Organization[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganizationValues>();
  const save = useAction(async (values: OrganizationValues) => {
    const body = changedFields(
      {
        ...values,
        shortNames: values.shortNames ?? [],
        aliases: values.aliases ?? [],
        parentId: values.parentId ?? null,
      },
      organization,
    );
    if (organization) {
      if (Object.keys(body).length)
        await api(`/api/admin/organizations/${organization.id}`, { method: 'PATCH', body });
    } else {
      await api('/api/admin/organizations', { method: 'POST', body });
    }
    message.success(t('common.saved'));
    onSaved();
    onClose();
  });
  const { clearError } = save;
  useEffect(() => {
    if (!open) return;
    clearError();
    form.setFieldsValue(
      organization
        ? valuesOf(organization)
        : {
            code: '',
            name: '',
            kind: 'liaison_office',
            shortNames: [],
            aliases: [],
            parentId: null,
            verified: true,
          },
    );
  }, [open, organization, form, clearError]);

  // Provinces first: a liaison office's or a city's parent is its province; central bodies may sit under a ministry.
  const parents = organizations
    .filter((candidate) => candidate.id !== organization?.id)
    .sort((a, b) => Number(b.kind === 'province') - Number(a.kind === 'province'));
  return (
    <Modal
      open={open}
      title={
        organization ? `${t('admin.editOrganization')}：${organization.name}` : t('admin.newOrganization')
      }
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.pending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={save.error} />
      <Form<OrganizationValues>
        form={form}
        layout="vertical"
        onFinish={save.run}
        data-testid="organization-form"
      >
        <Form.Item
          name="name"
          label={t('admin.orgName')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item
            name="code"
            label={t('admin.code')}
            extra={t('admin.codeHelp')}
            rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{0,39}$/, message: t('admin.codeHelp') }]}
          >
            <Input style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
            <Select
              options={ORGANIZATION_KINDS.map((kind) => ({
                value: kind,
                label: labelOf(t, `admin.kind.${kind}`, kind),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="shortNames" label={t('admin.shortNames')} extra={t('admin.namesHelp')}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', '、']}
            aria-label={t('admin.shortNames')}
          />
        </Form.Item>
        <Form.Item name="aliases" label={t('admin.aliases')}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', '、']}
            aria-label={t('admin.aliases')}
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item name="parentId" label={t('admin.province')} extra={t('admin.provinceHelp')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="—"
              options={parents.map((parent) => ({ value: parent.id, label: parent.name }))}
            />
          </Form.Item>
          <Form.Item name="verified" label={t('admin.verified')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
      {organization ? <RobotSettings organization={organization} /> : null}
    </Modal>
  );
}
