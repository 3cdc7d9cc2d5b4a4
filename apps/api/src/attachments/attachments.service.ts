import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
// The ./node entry: Jest's resolver has no `import` condition for the package root.
import { fileTypeFromFile } from 'file-type/node';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { FILE_CHUNK_BYTES } from '@xietong/db';
import { judgeEvidence } from '@xietong/rules';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { WorkItemWriter } from '../work-items/work-item-writer.service';
import { ATTACHMENT_STORAGE, AttachmentStorage } from './attachment-storage';

/** What multer's disk storage hands over: the upload already streamed to a temporary file. */
export type UploadedFile = Pick<Express.Multer.File, 'path' | 'originalname' | 'size'>;

export interface AttachmentView {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

export interface CheckedFile {
  path: string;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
}

/** An OFD package names its root document OFD.xml, in practice as the archive's first entry. */
const OFD_ROOT_MARKER = Buffer.from('OFD.xml');
const OFD_SNIFF_BYTES = 64 * 1024;

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * 佐证材料: checks each upload by its content, stores it through the configured driver in the
 * caller's transaction, audits it, and serves it only to people who may see its work item.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly audit: AuditService,
  ) {}

  /** Before any write: every file's type (415) and size (413), so a bad file refuses the whole post. */
  async check(files: readonly UploadedFile[]): Promise<CheckedFile[]> {
    const checked: CheckedFile[] = [];
    for (const file of files) {
      if (file.size > this.config.attachments.maxFileBytes) {
        throw new PayloadTooLargeException(
          `“${file.originalname}”有 ${megabytes(file.size)}，超过每个文件 ${megabytes(this.config.attachments.maxFileBytes)} 的上限。The file is larger than the per-file limit.`,
        );
      }
      const detected = (await fileTypeFromFile(file.path))?.mime ?? null;
      const verdict = judgeEvidence(
        file.originalname,
        detected,
        detected === 'application/zip' && (await startsWithOfdRoot(file.path)),
      );
      if (!verdict.accepted) throw new UnsupportedMediaTypeException(verdict.reason);
      checked.push({
        path: file.path,
        fileName: file.originalname.normalize('NFC'),
        size: file.size,
        contentType: verdict.contentType,
        sha256: await sha256Of(file.path),
      });
    }
    return checked;
  }

  /** Stores checked files for one item's update (and extension request), within the item's limit. */
  async store(
    manager: EntityManager,
    actor: RequestActor,
    workItemId: string,
    files: readonly CheckedFile[],
    link: { updateId: string; extensionId?: string },
  ): Promise<AttachmentView[]> {
    if (!files.length) return [];
    const [{ used }] = await manager.query(
      `SELECT coalesce(sum(size), 0)::bigint AS used FROM attachments WHERE work_item_id = $1`,
      [workItemId],
    );
    const adding = files.reduce((sum, file) => sum + file.size, 0);
    const limit = this.config.attachments.maxItemBytes;
    if (Number(used) + adding > limit) {
      throw new PayloadTooLargeException(
        `这个事项的佐证材料已有 ${megabytes(Number(used))}，再加 ${megabytes(adding)} 将超过每个事项 ${megabytes(limit)} 的上限；请压缩文件或只上传必要的材料。The item's evidence would exceed its limit.`,
      );
    }
    const stored: AttachmentView[] = [];
    for (const file of files) {
      // The row comes first: chunks reference it, and its key is the id until a driver names another.
      const [{ id }] = await manager.query(
        `INSERT INTO attachments (work_item_id, update_id, extension_id, file_name, content_type, size, sha256,
                                  storage, storage_key, uploaded_by_id, organization_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, $10) RETURNING id`,
        [
          workItemId,
          link.updateId,
          link.extensionId ?? null,
          file.fileName,
          file.contentType,
          file.size,
          file.sha256,
          this.storage.name,
          actor.user.id,
          actor.user.organizationId,
        ],
      );
      const key = await this.storage.put(
        manager,
        { attachmentId: id, workItemId, contentType: file.contentType, size: file.size },
        createReadStream(file.path, { highWaterMark: FILE_CHUNK_BYTES }),
      );
      await manager.query(`UPDATE attachments SET storage_key = $2 WHERE id = $1`, [id, key]);
      const view = { id, fileName: file.fileName, size: file.size, contentType: file.contentType };
      await this.audit.record(manager, actor, {
        action: 'attachment.uploaded',
        entityType: 'work_item',
        entityId: workItemId,
        after: {
          ...view,
          sha256: file.sha256,
          updateId: link.updateId,
          extensionId: link.extensionId ?? null,
        },
      });
      stored.push(view);
    }
    return stored;
  }

  /** The files of each update, for update lists. */
  async forUpdates(updateIds: readonly string[]): Promise<Map<string, AttachmentView[]>> {
    const byUpdate = new Map<string, AttachmentView[]>();
    if (!updateIds.length) return byUpdate;
    const rows: (AttachmentView & { updateId: string })[] = await this.db.query(
      `SELECT id, update_id AS "updateId", file_name AS "fileName", size::float8 AS size, content_type AS "contentType"
       FROM attachments WHERE update_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [updateIds],
    );
    for (const { updateId, ...view } of rows) {
      byUpdate.set(updateId, [...(byUpdate.get(updateId) ?? []), view]);
    }
    return byUpdate;
  }

  /** Streams the file to someone who may see its item; the same refusal as the item itself otherwise. */
  async open(user: AuthUser, id: string): Promise<{ attachment: AttachmentView; body: Readable }> {
    const [row] = await this.db.query(
      `SELECT id, work_item_id AS "workItemId", file_name AS "fileName", size::float8 AS size,
              content_type AS "contentType", storage_key AS "storageKey"
       FROM attachments WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundException(`没有 id 为 ${id} 的附件。No such attachment.`);
    const item = await this.writer.find(this.db.manager, row.workItemId);
    await this.policy.assertWorkItem(user, item, ['view']);
    const { workItemId: _item, storageKey, ...attachment } = row;
    return { attachment, body: await this.storage.get(storageKey) };
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function startsWithOfdRoot(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(OFD_SNIFF_BYTES), 0, OFD_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(OFD_ROOT_MARKER);
  } finally {
    await handle.close();
  }
}
