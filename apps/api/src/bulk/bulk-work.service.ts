import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestActor } from '../audit/request-actor.decorator';
import { UpdatesService } from '../updates/updates.service';
import { WorkItemEditsService } from '../work-items/work-item-edits.service';
import { WorkItemEventsService } from '../work-items/work-item-events.service';
import { BulkItemDto, BulkOutcome, BulkRefusal, BulkWorkDto } from './dto/bulk-work.dto';

/**
 * 批量: one change for many items in one transaction. Each item goes through exactly the path of
 * its single request (policy, rules, optimistic lock, audit entry) inside its own savepoint, so
 * a refused item — someone saved it since the list was read, another organization's, a rule —
 * undoes only its own writes and is reported with the reason its single request would give.
 */
@Injectable()
export class BulkWorkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly edits: WorkItemEditsService,
    private readonly updates: UpdatesService,
    private readonly events: WorkItemEventsService,
  ) {}

  async apply(actor: RequestActor, dto: BulkWorkDto): Promise<BulkOutcome> {
    const items = distinct(dto.items);
    const changed: string[] = [];
    const refused: BulkRefusal[] = [];
    const notifications: (() => Promise<void>)[] = [];
    await this.db.transaction(async (manager) => {
      for (const item of items) {
        await manager.query('SAVEPOINT bulk_item');
        try {
          notifications.push(await this.applyOne(manager, actor, dto, item));
          await manager.query('RELEASE SAVEPOINT bulk_item');
          changed.push(item.id);
        } catch (error) {
          if (!(error instanceof HttpException)) throw error;
          await manager.query('ROLLBACK TO SAVEPOINT bulk_item');
          refused.push({ id: item.id, status: error.getStatus(), reason: reasonOf(error) });
        }
      }
    });
    for (const notify of notifications) await notify();
    return { action: dto.action, requested: items.length, changed, refused };
  }

  private async applyOne(
    manager: EntityManager,
    actor: RequestActor,
    dto: BulkWorkDto,
    item: BulkItemDto,
  ): Promise<() => Promise<void>> {
    switch (dto.action) {
      case 'assign_owner':
        return (
          await this.edits.updateIn(manager, actor, item.id, { version: item.version, ownerId: dto.ownerId })
        ).notify;
      case 'set_deadline':
        return (
          await this.edits.updateIn(manager, actor, item.id, {
            version: item.version,
            deadline: dto.deadline,
          })
        ).notify;
      case 'post_update': {
        const posted = await this.updates.postIn(
          manager,
          actor,
          item.id,
          { text: dto.text!, progress: dto.progress },
          item.version,
        );
        return () => this.events.updatePosted(posted.id);
      }
    }
  }
}

function distinct(items: BulkItemDto[]): BulkItemDto[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

/** The sentence a person reads, as the problem-details filter would have put it in `detail`. */
function reasonOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
