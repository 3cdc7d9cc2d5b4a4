import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { WorkItem } from './work-item.entity';

/**
 * When the reminder scan must read an item again: the start of the day its next threshold comes
 * (`nextReminderCheck`). No row: at the next scan. Triggers delete the row whenever the item or
 * its plan's policy changes (see the migrations). Kept apart from work_items so that recording a
 * check writes one narrow row, not a new version of the wide, much-indexed item.
 */
@Entity('work_item_reminder_checks')
export class WorkItemReminderCheck {
  @ForeignKey(() => WorkItem, 'id', {
    name: 'work_item_reminder_checks_work_item_id_fkey',
    onDelete: 'CASCADE',
  })
  @PrimaryColumn({ type: 'uuid' })
  workItemId!: string;

  @Column({ type: 'timestamptz' })
  checkAt!: Date;

  /** The time the scan judged by (an "as of" scan may go back, and then reads the item again). */
  @Column({ type: 'timestamptz' })
  scannedAt!: Date;
}
