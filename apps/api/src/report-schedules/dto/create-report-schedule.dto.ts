import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { REPORT_FORMATS, ReportFormat } from '@xietong/rules';
import { ReportScopeDto } from '../../reports/dto/report-filters.dto';

export class CreateReportScheduleDto extends ReportScopeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;

  @ApiPropertyOptional({ example: '北部湾城市群月度联合进展报告' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ example: '0 8 1 * *', description: 'minute hour day-of-month month day-of-week' })
  @IsString()
  @MaxLength(100)
  cron!: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiProperty({ enum: REPORT_FORMATS, isArray: true, example: ['xlsx', 'pdf'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'formats must name at least one of html, xlsx, pdf, csv' })
  @IsIn(REPORT_FORMATS, { each: true, message: `formats must each be one of ${REPORT_FORMATS.join(', ')}` })
  formats!: ReportFormat[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Users who receive the report by email' })
  @IsArray()
  @ArrayMinSize(1, { message: 'recipientIds must name at least one user' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  recipientIds!: string[];
}
