import { Module } from '@nestjs/common';
import { AuthorizationModule } from '../authorization/authorization.module';
import { PlansController } from './plans.controller';
import { PlansQueryService } from './plans-query.service';

@Module({ imports: [AuthorizationModule], controllers: [PlansController], providers: [PlansQueryService] })
export class PlansModule {}
