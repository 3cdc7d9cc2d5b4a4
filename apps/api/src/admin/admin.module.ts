import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AdminOrganizationsController } from './admin-organizations.controller';
import { AdminOrganizationsService } from './admin-organizations.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { PlanManagersController } from './plan-managers.controller';
import { PlanManagersService } from './plan-managers.service';

@Module({
  imports: [AuditModule, AuthModule, OrganizationsModule],
  controllers: [AdminUsersController, AdminOrganizationsController, PlanManagersController],
  providers: [AdminUsersService, AdminOrganizationsService, PlanManagersService],
})
export class AdminModule {}
