import { Injectable, Logger } from '@nestjs/common';

/**
 * Called after a work-item transaction commits. For now it only logs; the outbox will turn these
 * into `assigned`, `update_posted` and `sent_back` notifications.
 */
@Injectable()
export class WorkItemEventsService {
  private readonly logger = new Logger(WorkItemEventsService.name);

  assigned(itemId: string, ownerId: string, actorId: string): void {
    this.logger.debug({ itemId, ownerId, actorId }, 'work item assigned');
  }

  updatePosted(updateId: string): void {
    this.logger.debug({ updateId }, 'work item update posted');
  }

  sentBack(itemId: string, reason: string, actorId: string): void {
    this.logger.debug({ itemId, reason, actorId }, 'work item sent back');
  }
}
