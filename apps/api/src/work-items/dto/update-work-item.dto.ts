import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { WORK_ITEM_PRIORITIES, WORK_ITEM_STATUSES, WorkItemPriority, WorkItemStatus } from '@xietong/rules';
import { IsCalendarDate } from './is-calendar-date.validator';

export class UpdateWorkItemDto {
  @ApiProperty({ description: 'The version you read; a newer one in the database means 409', minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A user of the item’s organization; null unassigns',
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description:
      'The first deadline only: once confirmed, a later one is an extension request (POST /api/work-items/:id/extensions) → 409',
  })
  // Absent means unchanged; null is checked (and refused) like any other value, never passed on.
  @ValidateIf((_dto, value) => value !== undefined)
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ description: 'Required (true) to save a deadline that is already past' })
  @IsOptional()
  @IsBoolean()
  confirmPastDeadline?: boolean;

  @ApiPropertyOptional({ enum: WORK_ITEM_STATUSES })
  @IsOptional()
  @IsIn(WORK_ITEM_STATUSES)
  status?: WorkItemStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ enum: WORK_ITEM_PRIORITIES })
  @IsOptional()
  @IsIn(WORK_ITEM_PRIORITIES)
  priority?: WorkItemPriority;
}
