import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { REPORT_FORMATS, ReportFormat } from '@xietong/rules';
import { ReportScopeDto } from './report-filters.dto';

export class RequestReportDto extends ReportScopeDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'One format; or send `formats`' })
  @ValidateIf((dto: RequestReportDto) => dto.formats === undefined)
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REPORT_FORMATS, { each: true, message: `formats must each be one of ${REPORT_FORMATS.join(', ')}` })
  formats?: ReportFormat[];
}
