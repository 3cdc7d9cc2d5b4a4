import { InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ImportPreview as Preview, Organization } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { Edits, toCorrections } from './corrections';
import { ImportPreview } from './ImportPreview';

interface ImportValues {
  text?: string;
  title?: string;
}

/**
 * A file goes to the API as it is (multipart): the API reads Word and PDF files and decodes
 * GB18030 as well as UTF-8; reading a text file in the browser would garble GB18030 documents.
 */
function importBody(
  values: ImportValues,
  file: File | null,
  dryRun: boolean,
  edits: Edits = {},
): FormData | Record<string, unknown> {
  const corrections = toCorrections(edits);
  if (file) {
    const form = new FormData();
    form.append('file', file);
    if (values.title?.trim()) form.append('title', values.title.trim());
    form.append('dryRun', String(dryRun));
    if (corrections.length) form.append('corrections', JSON.stringify(corrections));
    return form;
  }
  return {
    text: values.text ?? '',
    title: values.title?.trim() || undefined,
    dryRun,
    ...(corrections.length ? { corrections } : {}),
  };
}

/** Where a long import is: the file going up (with its share sent), then the server reading it. */
type Stage = { step: 'upload'; sent: number } | { step: 'read' } | null;

/** Paste, choose or drop a file → preview a coordinator can correct → confirm. */
export function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  const [stage, setStage] = useState<Stage>(null);
  const organizations = useApi((signal) => api<Organization[]>('/api/organizations', { signal }), []);

  const send = async (dryRun: boolean): Promise<Preview> => {
    const body = importBody(form.getFieldsValue(), file, dryRun, dryRun ? {} : edits);
    setStage(body instanceof FormData ? { step: 'upload', sent: 0 } : { step: 'read' });
    try {
      return await api<Preview>('/api/plans/import', {
        method: 'POST',
        body,
        onUploadProgress:
          body instanceof FormData
            ? (sent) => setStage(sent < 1 ? { step: 'upload', sent } : { step: 'read' })
            : undefined,
      });
    } finally {
      setStage(null);
    }
  };
  const clear = () => {
    setPreview(null);
    setEdits({});
  };
  const runPreview = useAction(async () => {
    clear();
    setPreview(await send(true));
  });
  const confirm = useAction(async () => {
    const result = await send(false);
    message.success(t('import.done', { count: result.workItemsCreated }));
    if (result.planId) navigate(`/plans/${result.planId}`);
  });

  return (
    <>
      <Typography.Title level={3}>{t('import.title')}</Typography.Title>
      <Card size="small">
        <ErrorAlert error={runPreview.error ?? confirm.error} />
        <Form<ImportValues> form={form} layout="vertical" onFinish={runPreview.run} onValuesChange={clear}>
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
            <Upload.Dragger
              accept=".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              maxCount={1}
              data-testid="import-file"
              beforeUpload={(chosen) => {
                setFile(chosen);
                clear();
                return false;
              }}
              onRemove={() => {
                setFile(null);
                clear();
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.dropFile')}</p>
              <p className="ant-upload-hint">{t('import.formats')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item name="title" label={t('import.titleOverride')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Button htmlType="submit" loading={runPreview.pending} data-testid="import-preview-button">
              {t('import.preview')}
            </Button>
            <Button
              type="primary"
              disabled={!preview}
              loading={confirm.pending}
              onClick={() => confirm.run()}
              data-testid="import-confirm-button"
            >
              {t('import.confirm')}
              {preview &&
                toCorrections(edits).length > 0 &&
                ` (${t('import.corrected', { count: toCorrections(edits).length })})`}
            </Button>
          </Space>
          {stage && (
            <div style={{ marginTop: 12, maxWidth: 480 }} data-testid="import-progress">
              <Progress
                percent={stage.step === 'upload' ? Math.round(stage.sent * 100) : 100}
                status="active"
                showInfo={stage.step === 'upload'}
              />
              <Typography.Text type="secondary">
                {stage.step === 'upload' ? t('import.uploading') : t('import.reading')}
              </Typography.Text>
            </div>
          )}
        </Form>
      </Card>
      {preview && (
        <div style={{ marginTop: 16 }}>
          <ImportPreview
            preview={preview}
            edits={edits}
            organizations={organizations.data ?? []}
            onEdit={(ref, edit) => setEdits((current) => ({ ...current, [ref]: edit }))}
          />
        </div>
      )}
    </>
  );
}
