import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Locale, LOCALES } from '@xietong/rules';

/** Empty or missing lists mean "all" for their dimension. */
export class ReportFiltersDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Provinces to keep; ministries stay' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  provinceIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Ministries to keep; provinces stay' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ministryIds?: string[];

  @ApiPropertyOptional({ type: [Number], example: [3, 5] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  chapterNumbers?: number[];

  @ApiPropertyOptional({
    enum: ['lead', 'support'],
    default: 'lead',
    description:
      'lead: the 牵头 units’ items (the 通报 ranking); support: the 配合 units’ items, reported apart',
  })
  @IsOptional()
  @IsIn(['lead', 'support'], { message: 'responsibility must be lead or support' })
  responsibility?: 'lead' | 'support';
}

/** What a report covers and the language it speaks, shared by on-demand runs and schedules. */
export class ReportScopeDto {
  @ApiPropertyOptional({ type: ReportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFiltersDto)
  filters?: ReportFiltersDto;

  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
