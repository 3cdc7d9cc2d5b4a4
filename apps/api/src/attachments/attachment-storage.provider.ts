import { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { ATTACHMENT_STORAGE, AttachmentStorage } from './attachment-storage';
import { PostgresAttachmentStorage } from './postgres-attachment-storage';
import { S3AttachmentStorage } from './s3-attachment-storage';

/** ATTACHMENT_STORAGE picks the driver: `postgres` (default) or `s3`. */
export const attachmentStorageProvider: Provider = {
  provide: ATTACHMENT_STORAGE,
  inject: [APP_CONFIG, getDataSourceToken()],
  useFactory: (config: AppConfig, db: DataSource): AttachmentStorage =>
    config.attachments.storage === 's3'
      ? new S3AttachmentStorage(config.attachments.s3)
      : new PostgresAttachmentStorage(db),
};
