import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateReportScheduleDto } from './create-report-schedule.dto';

/** A schedule stays with its plan; everything else may change. */
export class UpdateReportScheduleDto extends PartialType(
  OmitType(CreateReportScheduleDto, ['planId'] as const),
) {}
