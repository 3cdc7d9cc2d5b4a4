import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../work-items/dto/is-calendar-date.validator';

export const BULK_ACTIONS = ['assign_owner', 'set_deadline', 'post_update'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** More than a page of a list at once is a script's job, not a person's. */
export const BULK_MAX_ITEMS = 200;

export class BulkItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({
    description: 'The version the list showed; a newer one refuses this item (409)',
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  version!: number;
}

/** One change applied to many items in one transaction; each item is allowed or refused on its own. */
export class BulkWorkDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `action must be one of ${BULK_ACTIONS.join(', ')}` })
  action!: BulkAction;

  @ApiProperty({ type: [BulkItemDto], maxItems: BULK_MAX_ITEMS })
  @ValidateNested({ each: true })
  @Type(() => BulkItemDto)
  @ArrayMinSize(1, { message: 'items must name at least one item' })
  @ArrayMaxSize(BULK_MAX_ITEMS, { message: `items may name at most ${BULK_MAX_ITEMS} items at once` })
  items!: BulkItemDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'assign_owner: the new owner' })
  @ValidateIf((dto: BulkWorkDto) => dto.action === 'assign_owner')
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'set_deadline: the first deadline' })
  @ValidateIf((dto: BulkWorkDto) => dto.action === 'set_deadline')
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'post_update: the update posted to each item' })
  @ValidateIf((dto: BulkWorkDto) => dto.action === 'post_update')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'post_update: progress reported with it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;
}

export interface BulkRefusal {
  id: string;
  /** The HTTP status the single request would have had: 403, 404, 409 or 422. */
  status: number;
  reason: string;
}

export interface BulkOutcome {
  action: BulkAction;
  requested: number;
  changed: string[];
  refused: BulkRefusal[];
}
