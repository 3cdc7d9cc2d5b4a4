import { Module } from '@nestjs/common';
import { QueueModule } from '@xietong/queue';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({ imports: [QueueModule], controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
