import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from './is-calendar-date.validator';

/** A milestone under a work item; its progress rolls up into the item. */
export class CreateSubItemDto {
  @ApiProperty({ example: '完成港口规划环评', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  @ApiProperty({ example: '2026-03-31', description: 'On or before the parent item’s deadline' })
  @IsCalendarDate()
  deadline!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}
