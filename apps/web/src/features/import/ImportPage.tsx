import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ImportPreview as Preview } from '../../api/types';
import { useAction } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { ImportPreview } from './ImportPreview';

interface ImportValues {
  text?: string;
  title?: string;
}

/**
 * A file goes to the API as it is (multipart), because the API decodes GB18030 as well as UTF-8;
 * reading it in the browser would garble GB18030 documents.
 */
function importBody(
  values: ImportValues,
  file: File | null,
  dryRun: boolean,
): FormData | Record<string, unknown> {
  if (file) {
    const form = new FormData();
    form.append('file', file);
    if (values.title?.trim()) form.append('title', values.title.trim());
    form.append('dryRun', String(dryRun));
    return form;
  }
  return { text: values.text ?? '', title: values.title?.trim() || undefined, dryRun };
}

/** Paste or upload → preview with diagnostics → confirm. */
export function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  const runPreview = useAction(async (values: ImportValues) => {
    setPreview(null);
    setPreview(
      await api<Preview>('/api/plans/import', { method: 'POST', body: importBody(values, file, true) }),
    );
  });
  const confirm = useAction(async () => {
    const result = await api<Preview>('/api/plans/import', {
      method: 'POST',
      body: importBody(form.getFieldsValue(), file, false),
    });
    message.success(t('import.done', { count: result.workItemsCreated }));
    if (result.planId) navigate(`/plans/${result.planId}`);
  });

  return (
    <>
      <Typography.Title level={3}>{t('import.title')}</Typography.Title>
      <Card size="small">
        <ErrorAlert error={runPreview.error ?? confirm.error} />
        <Form<ImportValues>
          form={form}
          layout="vertical"
          onFinish={runPreview.run}
          onValuesChange={() => setPreview(null)}
        >
          <Form.Item
            name="text"
            label={t('import.text')}
            extra={t('import.textHint')}
            rules={[
              {
                validator: async (_rule, value?: string) => {
                  if (!file && !value?.trim()) throw new Error(t('import.needText'));
                },
              },
            ]}
          >
            <Input.TextArea rows={10} disabled={file !== null} data-testid="import-text" />
          </Form.Item>
          <Form.Item label={t('import.upload')}>
            <Upload
              accept=".txt,text/plain"
              maxCount={1}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setPreview(null);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setPreview(null);
              }}
            >
              <Button icon={<UploadOutlined />}>{t('import.upload')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="title" label={t('import.titleOverride')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={runPreview.pending} data-testid="import-preview-button">
              {t('import.preview')}
            </Button>
            <Button
              type="primary"
              disabled={!preview}
              loading={confirm.pending}
              onClick={() => confirm.run()}
            >
              {t('import.confirm')}
            </Button>
          </Space>
        </Form>
      </Card>
      {preview && (
        <div style={{ marginTop: 16 }}>
          <ImportPreview preview={preview} />
        </div>
      )}
    </>
  );
}
