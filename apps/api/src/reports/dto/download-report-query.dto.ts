import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_FORMATS, ReportFormat } from '@xietong/rules';

export class DownloadReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'Defaults to the run’s first format' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
