import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsUUID, Min } from 'class-validator';

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
}
