import { Module } from '@nestjs/common';
import { PlanImportController } from './plan-import.controller';
import { PlanImportService } from './plan-import.service';

@Module({ controllers: [PlanImportController], providers: [PlanImportService] })
export class PlanImportModule {}
