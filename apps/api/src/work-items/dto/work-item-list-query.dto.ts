import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { WORK_ITEM_STATUSES, WorkItemStatus } from '@xietong/rules';
import { IsCalendarDate } from './is-calendar-date.validator';
import { PageQueryDto } from './page-query.dto';

export const WORK_ITEM_SORTS = [
  'deadline',
  '-deadline',
  'progress',
  '-progress',
  'priority',
  '-priority',
  'task',
  '-task',
  'updatedAt',
  '-updatedAt',
  'lastUpdateAt',
  '-lastUpdateAt',
] as const;
export type WorkItemSort = (typeof WORK_ITEM_SORTS)[number];

export class WorkItemListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({ description: 'Chapter number (第三章 → 3); combine with planId', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  chapter?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead unit whose items to list' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({
    description: 'One status or several, comma-separated',
    example: 'in_progress,blocked',
    enum: WORK_ITEM_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(WORK_ITEM_STATUSES, { each: true, message: `status must be among ${WORK_ITEM_STATUSES.join(', ')}` })
  status?: WorkItemStatus[];

  @ApiPropertyOptional({ description: 'true: open items past their deadline; false: all others' })
  @IsOptional()
  @Transform(({ value }) => ({ true: true, false: false })[value as string] ?? value)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Deadline on or before this date', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Deadline on or after this date', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({ description: 'Text in the item or task title, e.g. 港口', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: WORK_ITEM_SORTS,
    default: 'deadline',
    description: 'A leading "-" sorts descending',
  })
  @IsOptional()
  @IsIn(WORK_ITEM_SORTS)
  sort: WorkItemSort = 'deadline';
}
