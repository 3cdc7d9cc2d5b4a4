import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthorizationModule } from '../authorization/authorization.module';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  imports: [AuditModule, AuthorizationModule],
  controllers: [SettingsController],
  providers: [SettingsService],
})
export class SettingsModule {}
