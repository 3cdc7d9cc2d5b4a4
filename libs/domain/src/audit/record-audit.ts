import { EntityManager } from 'typeorm';
import type { AuditAction } from '@xietong/rules';

export interface AuditRecord {
  actorId: string | null;
  organizationId?: string | null;
  /** One of AUDIT_ACTION_LABELS, so every entry has a name people can read. */
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

/** Appends one audit entry through the caller's transaction, so the entry and the change commit together. */
export async function recordAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (actor_id, organization_id, action, entity_type, entity_id, before, after, ip, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      record.actorId,
      record.organizationId ?? null,
      record.action,
      record.entityType,
      record.entityId ?? null,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
      record.ip ?? null,
      record.requestId ?? null,
    ],
  );
}
