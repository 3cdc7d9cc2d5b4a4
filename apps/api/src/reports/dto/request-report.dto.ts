import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { REPORT_FORMATS, ReportFormat } from '@xietong/domain';
import { REPORT_LOCALES, ReportLocale } from '@xietong/reports';
import { ReportFiltersDto } from './report-filters.dto';

export class RequestReportDto {
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

  @ApiPropertyOptional({ type: ReportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFiltersDto)
  filters?: ReportFiltersDto;

  @ApiPropertyOptional({ enum: REPORT_LOCALES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(REPORT_LOCALES)
  locale?: ReportLocale;
}
