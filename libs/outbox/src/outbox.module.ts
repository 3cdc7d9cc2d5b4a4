import { Module } from '@nestjs/common';
import { QueueModule } from '@xietong/queue';
import { NotificationDeliverer } from './notification-deliverer';
import { NotificationOutbox } from './notification-outbox';
import { OutboxSweeper } from './outbox-sweeper';
import { ReminderScanner } from './reminder-scanner';

/** Writing, enqueuing, scanning, sweeping and delivering notifications, for the api and the worker alike. */
@Module({
  imports: [QueueModule],
  providers: [NotificationOutbox, ReminderScanner, OutboxSweeper, NotificationDeliverer],
  exports: [NotificationOutbox, ReminderScanner, OutboxSweeper, NotificationDeliverer],
})
export class OutboxModule {}
