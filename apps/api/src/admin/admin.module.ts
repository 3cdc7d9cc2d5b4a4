import { Module } from '@nestjs/common';
import { QueueModule } from '@xietong/queue';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AdminOrganizationsController } from './admin-organizations.controller';
import { AdminOrganizationsService } from './admin-organizations.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { PlanManagersController } from './plan-managers.controller';
import { PlanManagersService } from './plan-managers.service';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { QueueDashboardController } from './queue-dashboard/queue-dashboard.controller';

@Module({
  imports: [AuditModule, AuthModule, OrganizationsModule, QueueModule],
  controllers: [
    AdminUsersController,
    AdminOrganizationsController,
    PlanManagersController,
    QueueDashboardController,
  ],
  providers: [AdminUsersService, AdminOrganizationsService, PlanManagersService, QueueDashboard],
})
export class AdminModule {}
