import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { recordAudit } from '@xietong/domain';
import type { AuditAction } from '@xietong/rules';
import { RequestActor } from './request-actor.decorator';

export interface AuditedChange {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

@Injectable()
export class AuditService {
  /** Writes through the caller's transaction, so the entry exists exactly when the change does. */
  record(manager: EntityManager, actor: RequestActor, change: AuditedChange): Promise<void> {
    return recordAudit(manager, {
      actorId: actor.user.id,
      organizationId: actor.user.organizationId,
      ip: actor.ip,
      requestId: actor.requestId,
      ...change,
    });
  }
}
