import { Module } from '@nestjs/common';
import { OutboxModule } from '@xietong/outbox';
import { NotificationsController } from './notifications.controller';

@Module({ imports: [OutboxModule], controllers: [NotificationsController] })
export class NotificationsModule {}
