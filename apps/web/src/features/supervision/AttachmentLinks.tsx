import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { apiResponse } from '../../api/client';
import { Attachment } from '../../api/types';

const KB = 1024;
const sizeText = (bytes: number) => (bytes < KB * KB ? `${Math.ceil(bytes / KB)} KB` : `${(bytes / KB / KB).toFixed(1)} MB`);

/**
 * Evidence files of one update. The download needs the bearer token, so the file is fetched here
 * and opened from a blob: PDFs and images show in a new tab, other types download with their name.
 */
export function AttachmentLinks({ attachments }: { attachments: readonly Attachment[] }) {
  const { message } = App.useApp();
  if (!attachments.length) return null;
  const open = async (attachment: Attachment) => {
    // Opened before the fetch so the browser counts it as the click's own window, not a pop-up.
    const tab = window.open('', '_blank');
    try {
      const response = await apiResponse(`/api/attachments/${attachment.id}`);
      const url = URL.createObjectURL(await response.blob());
      if (tab && /^(application\/pdf|image\/)/.test(attachment.contentType)) {
        tab.location.href = url;
      } else {
        tab?.close();
        const link = document.createElement('a');
        link.href = url;
        link.download = attachment.fileName;
        link.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      tab?.close();
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Space size={[8, 0]} wrap className="attachment-links">
      {attachments.map((attachment) => (
        <Button
          key={attachment.id}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          onClick={() => void open(attachment)}
          data-testid="attachment-link"
        >
          {attachment.fileName}（{sizeText(attachment.size)}）
        </Button>
      ))}
    </Space>
  );
}
