import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BooleanString } from '../../common/decorators/boolean-string.decorator';
import { IsCalendarDate } from '../../work-items/dto/is-calendar-date.validator';

export class UnitReplacementDto {
  @ApiProperty({ description: 'The unit as the preview names it' })
  @IsString()
  @MaxLength(200)
  from!: string;

  @ApiProperty({ description: 'Organization id from GET /api/organizations' })
  @IsUUID('all', { message: 'to must be an organization id from the dictionary' })
  to!: string;
}

/** One task's corrections, by the `ref` the preview gave it. */
export class TaskCorrectionDto {
  @ApiProperty({ example: '二(一)' })
  @IsString()
  @MaxLength(100)
  ref!: string;

  @ApiPropertyOptional({ description: 'Leave this task out of the plan' })
  @IsOptional()
  @IsBoolean()
  drop?: boolean;

  @ApiPropertyOptional({
    description: 'YYYY-MM-DD; null = the document names none (items take the plan end)',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  deadline?: string | null;

  @ApiPropertyOptional({ type: [UnitReplacementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => UnitReplacementDto)
  replaceUnits?: UnitReplacementDto[];

  @ApiPropertyOptional({ type: [String], description: 'Units to remove, as the preview names them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  removeUnits?: string[];
}

/**
 * Multipart fields arrive as strings: `corrections` as JSON text. Custom transforms run after
 * `@Type`, so the parsed list is turned into DTOs here for `ValidateNested` to check.
 */
function parseCorrections({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? plainToInstance(TaskCorrectionDto, parsed) : parsed;
  } catch {
    return value;
  }
}

export class ImportPlanDto {
  @ApiPropertyOptional({ description: 'The plan text (or send a multipart `file` instead)' })
  @IsOptional()
  @IsString()
  text?: string;

  @ApiPropertyOptional({ description: 'Overrides the title read from the first line' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'Preview with diagnostics without saving anything' })
  @IsOptional()
  @BooleanString()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    type: [TaskCorrectionDto],
    description: 'What the coordinator changed in the preview (JSON text in a multipart upload)',
  })
  @IsOptional()
  @Transform(parseCorrections)
  @IsArray({ message: 'corrections must be a list of {ref, drop?, deadline?, replaceUnits?, removeUnits?}' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TaskCorrectionDto)
  corrections?: TaskCorrectionDto[];
}
