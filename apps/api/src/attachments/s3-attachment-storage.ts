import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AppConfig } from '@xietong/config';
import { AttachmentStorage } from './attachment-storage';

/**
 * For deployments with object storage (MinIO, Ceph, Alibaba OSS / Tencent COS in S3 mode, AWS):
 * the upload streams from the temporary file with its known length, the download streams the
 * object's body. The object is written before the update's transaction commits; if that
 * transaction then fails, the object stays behind unreferenced (harmless, and cheaper than a
 * two-phase protocol for a rare case).
 */
export class S3AttachmentStorage implements AttachmentStorage {
  readonly name = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: AppConfig['attachments']['s3']) {
    this.bucket = settings.bucket!;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
    });
  }

  async put(
    _manager: unknown,
    object: { attachmentId: string; workItemId: string; contentType: string; size: number },
    source: Readable,
  ): Promise<string> {
    const key = `attachments/${object.workItemId}/${object.attachmentId}`;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: source,
        ContentLength: object.size,
        ContentType: object.contentType,
      }),
    );
    return key;
  }

  async get(key: string): Promise<Readable> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return answer.Body as Readable;
  }
}
