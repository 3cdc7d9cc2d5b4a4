import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { EVIDENCE_ACCEPT } from '@xietong/rules';
import { useI18n } from '../../i18n';

/** Files stay in the browser until the form is sent with them (multipart `files`). */
export function EvidenceField({ required = false }: { required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="files"
      label={t('sv.files')}
      extra={t('sv.filesHint')}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
      rules={required ? [{ required: true, type: 'array', min: 1, message: t('sv.filesRequired') }] : []}
    >
      <Upload multiple accept={EVIDENCE_ACCEPT} beforeUpload={() => false}>
        <Button icon={<UploadOutlined />}>{t('sv.chooseFiles')}</Button>
      </Upload>
    </Form.Item>
  );
}

/** The form's fields and chosen files as one multipart body. */
export function multipart(fields: Record<string, string | number | boolean | undefined>, files: UploadFile[] = []): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.append(name, String(value));
  for (const file of files) if (file.originFileObj) body.append('files', file.originFileObj, file.name);
  return body;
}
