import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { LEAD_UNIT_ROLES, LeadUnitRole, RESPONSIBILITIES, Responsibility } from '@xietong/domain';
import { TrafficLight, WORK_ITEM_STATUSES, WorkItemStatus } from '@xietong/rules';
import { IsCalendarDate } from './is-calendar-date.validator';
import { PageQueryDto } from './page-query.dto';
import { BooleanString } from '../../common/decorators/boolean-string.decorator';

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
  'status',
  '-status',
  'title',
  '-title',
] as const;
export type WorkItemSort = (typeof WORK_ITEM_SORTS)[number];

export const TRAFFIC_LIGHTS = ['red', 'yellow', 'green', 'grey'] as const;

const commaSeparated = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',') : value;

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

  @ApiPropertyOptional({ enum: RESPONSIBILITIES, description: 'lead (牵头) or support (配合) items only' })
  @IsOptional()
  @IsIn(RESPONSIBILITIES, { message: 'responsibility must be lead or support' })
  responsibility?: Responsibility;

  @ApiPropertyOptional({
    description: 'One status or several, comma-separated',
    example: 'in_progress,blocked',
    enum: WORK_ITEM_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(WORK_ITEM_STATUSES, { each: true, message: `status must be among ${WORK_ITEM_STATUSES.join(', ')}` })
  status?: WorkItemStatus[];

  @ApiPropertyOptional({ description: 'true: open items past their deadline; false: all others' })
  @IsOptional()
  @BooleanString()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true: items without an owner; false: items with one' })
  @IsOptional()
  @BooleanString()
  @IsBoolean({ message: 'unassigned must be true or false' })
  unassigned?: boolean;

  @ApiPropertyOptional({ enum: LEAD_UNIT_ROLES, description: "The organization's part in the task" })
  @IsOptional()
  @IsIn(LEAD_UNIT_ROLES, { message: `role must be one of ${LEAD_UNIT_ROLES.join(', ')}` })
  role?: LeadUnitRole;

  @ApiPropertyOptional({
    description: 'One traffic light or several, comma-separated',
    enum: TRAFFIC_LIGHTS,
    isArray: true,
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(TRAFFIC_LIGHTS, { each: true, message: `light must be among ${TRAFFIC_LIGHTS.join(', ')}` })
  light?: TrafficLight[];

  @ApiPropertyOptional({ description: 'Deadline on or before this date', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Deadline on or after this date', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({
    description:
      'Words that must all appear in the item title, the task title or text, or an update of the item (e.g. 港口 平陆运河)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description:
      'Keyset paging: the nextCursor of the previous page (with the same filters and sort); faster than page at any depth',
    maxLength: 12000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(12000)
  after?: string;

  @ApiPropertyOptional({
    enum: WORK_ITEM_SORTS,
    default: 'deadline',
    description: 'A leading "-" sorts descending',
  })
  @IsOptional()
  @IsIn(WORK_ITEM_SORTS)
  sort: WorkItemSort = 'deadline';
}
