import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { NotificationKind } from '@xietong/domain';
import {
  draftsForUsers,
  NotificationDraft,
  NotificationOutbox,
  RecipientDirectory,
  UserNotification,
} from '@xietong/outbox';
import { ReminderJobsProducer } from '@xietong/queue';
import { SupervisionDecider } from '@xietong/rules';
import { PolicyService } from '../authorization/policy.service';

interface ItemContext {
  id: string;
  plan_id: string;
  escalated: boolean;
  task_id: string;
  organization_id: string;
  owner_id: string | null;
  version: number;
  itemTitle: string;
  taskCode: string;
  planTitle: string;
  organizationName: string;
  deadline: string;
}

/**
 * Turns work-item events into notifications through the outbox: assignments, progress updates on
 * shared tasks (to the other lead units), send-backs. Called after the change has committed; a
 * failure here is logged and never undoes the change people just made.
 */
@Injectable()
export class WorkItemEventsService {
  private readonly logger = new Logger(WorkItemEventsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: NotificationOutbox,
    private readonly reminders: ReminderJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
  ) {}

  assigned(itemId: string, ownerId: string, actorId: string): Promise<void> {
    return this.notify('assigned', async (directory) => {
      const item = await this.item(itemId);
      return this.drafts(
        directory,
        'assigned',
        item,
        [ownerId],
        `assigned:${itemId}:v${item.version}`,
        { assignedBy: directory.user(actorId)?.name },
        { actorId },
      );
    });
  }

  /**
   * The people concerned: every lead unit's owner on the task (or its coordinators), except the
   * author. Those of the other lead units get the mail in their digest unless they asked for each post.
   */
  updatePosted(updateId: string): Promise<void> {
    return this.notify('update_posted', async (directory) => {
      const [update] = await this.db.query(
        `SELECT u.work_item_id, u.author_id, u.text, u.progress, a.display_name AS author_name
         FROM work_item_updates u JOIN users a ON a.id = u.author_id WHERE u.id = $1`,
        [updateId],
      );
      const item = await this.item(update.work_item_id);
      const leads: { owner_id: string | null; organization_id: string }[] = await this.db.query(
        `SELECT owner_id, organization_id FROM work_items WHERE task_id = $1 AND parent_id IS NULL AND status <> 'cancelled'`,
        [item.task_id],
      );
      const recipients = leads.flatMap((lead) =>
        lead.owner_id ? [lead.owner_id] : directory.coordinatorsOf(lead.organization_id),
      );
      return this.drafts(
        directory,
        'update_posted',
        item,
        recipients,
        `update:${updateId}`,
        { authorName: update.author_name, updateText: update.text, progress: update.progress ?? undefined },
        { actorId: update.author_id, coLeadOrganizationId: item.organization_id },
      );
    });
  }

  sentBack(itemId: string, reason: string, actorId: string): Promise<void> {
    return this.notify('sent_back', async (directory) => {
      const item = await this.item(itemId);
      const recipients = item.owner_id ? [item.owner_id] : directory.coordinatorsOf(item.organization_id);
      return this.drafts(
        directory,
        'sent_back',
        item,
        recipients,
        `sent-back:${itemId}:v${item.version}`,
        { actorName: directory.user(actorId)?.name ?? '', reason },
        { actorId },
      );
    });
  }

  /** The plan's approver (managers, or the lead unit's coordinators) hears of a 延期申请. */
  extensionRequested(extensionId: string): Promise<void> {
    return this.notify('extension_requested', async (directory) => {
      const extension = await this.extension(extensionId);
      const item = await this.item(extension.work_item_id);
      const policy = await this.policy.supervisionPolicy(item.plan_id);
      const decider = item.escalated ? 'manager' : policy.extensionApprover;
      return this.drafts(
        directory,
        'extension_requested',
        item,
        this.deciders(directory, item, decider),
        `extension-requested:${extensionId}`,
        {
          requesterName: directory.user(extension.requested_by_id)?.name ?? '',
          requestedDeadline: extension.requested_deadline,
          reason: extension.reason,
          progress: extension.progress_at_request,
        },
        { actorId: extension.requested_by_id },
      );
    });
  }

  /** The requester hears the decision either way. */
  extensionDecided(extensionId: string): Promise<void> {
    return this.notify('extension_decided', async (directory) => {
      const extension = await this.extension(extensionId);
      const item = await this.item(extension.work_item_id);
      return this.drafts(
        directory,
        'extension_decided',
        item,
        [extension.requested_by_id],
        `extension-decided:${extensionId}`,
        {
          approved: extension.state === 'approved',
          deciderName: directory.user(extension.decided_by_id)?.name ?? '',
          requestedDeadline: extension.requested_deadline,
          note: extension.decision_note,
        },
        { actorId: extension.decided_by_id },
      );
    });
  }

  /** A final update put the item in 待审核: its reviewers are asked to accept or send it back. */
  completionSubmitted(itemId: string, updateId: string): Promise<void> {
    return this.notify('completion_submitted', async (directory) => {
      const item = await this.item(itemId);
      const [update] = await this.db.query(`SELECT author_id, text FROM work_item_updates WHERE id = $1`, [
        updateId,
      ]);
      const policy = await this.policy.supervisionPolicy(item.plan_id);
      return this.drafts(
        directory,
        'completion_submitted',
        item,
        this.deciders(directory, item, policy.completionReviewer),
        `completion-submitted:${updateId}`,
        { submitterName: directory.user(update.author_id)?.name ?? '', updateText: update.text },
        { actorId: update.author_id },
      );
    });
  }

  completionAccepted(itemId: string, reviewerId: string, note: string | null): Promise<void> {
    return this.notify('completion_accepted', async (directory) => {
      const item = await this.item(itemId);
      const recipients = item.owner_id ? [item.owner_id] : directory.coordinatorsOf(item.organization_id);
      return this.drafts(
        directory,
        'completion_accepted',
        item,
        recipients,
        `accepted:${itemId}`,
        { reviewerName: directory.user(reviewerId)?.name ?? '', note },
        { actorId: reviewerId },
      );
    });
  }

  /** A new deadline may already be within a reminder threshold: scan that item now, not at the next tick. */
  async deadlineChanged(itemId: string): Promise<void> {
    await this.reminders
      .enqueueScan({ workItemIds: [itemId] })
      .catch((error: unknown) =>
        this.logger.error({ err: error, itemId }, 'could not enqueue a reminder scan'),
      );
  }

  private async notify(
    kind: NotificationKind,
    build: (directory: RecipientDirectory) => Promise<NotificationDraft[]>,
  ): Promise<void> {
    try {
      const directory = await RecipientDirectory.load(this.db.manager);
      await this.outbox.publish(await build(directory));
    } catch (error) {
      this.logger.error({ err: error, kind }, 'could not write notifications');
    }
  }

  /** Who decides; the asker is left out with every actor, by `actorId`. */
  private deciders(directory: RecipientDirectory, item: ItemContext, decider: SupervisionDecider): string[] {
    return decider === 'manager'
      ? directory.managersOf(item.plan_id)
      : directory.coordinatorsOf(item.organization_id);
  }

  private async extension(extensionId: string) {
    const [extension] = await this.db.query(
      `SELECT work_item_id, requested_by_id, requested_deadline::text AS requested_deadline, reason,
              progress_at_request, state, decided_by_id, decision_note
       FROM deadline_extensions WHERE id = $1`,
      [extensionId],
    );
    return extension;
  }

  private async item(itemId: string): Promise<ItemContext> {
    const [item] = await this.db.query(
      `SELECT w.id, w.plan_id, w.escalated_at IS NOT NULL AS escalated, w.task_id, w.organization_id, w.owner_id, w.version, w.title AS "itemTitle",
              t.code AS "taskCode", p.title AS "planTitle", o.name AS "organizationName", w.deadline::text AS deadline
       FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN plans p ON p.id = w.plan_id
       JOIN organizations o ON o.id = w.organization_id WHERE w.id = $1`,
      [itemId],
    );
    return item;
  }

  private drafts(
    directory: RecipientDirectory,
    kind: NotificationKind,
    item: ItemContext,
    recipientIds: string[],
    dedupeKey: string,
    details: Record<string, unknown>,
    // Every event has someone who caused it; they never hear of it themselves (see draftsForUsers).
    about: Pick<UserNotification, 'actorId' | 'coLeadOrganizationId'>,
  ): NotificationDraft[] {
    return draftsForUsers(directory, recipientIds, {
      ...about,
      kind,
      dedupeKey,
      workItemId: item.id,
      sendAfter: new Date(),
      payload: {
        itemTitle: item.itemTitle,
        taskCode: item.taskCode,
        planTitle: item.planTitle,
        organizationName: item.organizationName,
        deadline: item.deadline,
        link: `${this.config.publicUrl}/work-items/${item.id}`,
        ...details,
      },
    });
  }
}
