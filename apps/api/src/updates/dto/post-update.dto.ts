import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FormNumber } from '../../common/form-fields';
import { WORK_ITEM_STATUSES, WorkItemStatus } from '@xietong/rules';

/** 进展反馈: what happened, optionally with the new progress and status. */
export class PostUpdateDto {
  @ApiProperty({ example: '钦州港30万吨级航道已完成初步设计审查', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @FormNumber()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({
    enum: WORK_ITEM_STATUSES,
    description:
      '"done" needs progress 100 and evidence `files`; this update is the final one, and the item then waits for review',
  })
  @IsOptional()
  @IsIn(WORK_ITEM_STATUSES)
  status?: WorkItemStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Another lead unit of the task this update asks something of; it shows in that unit’s 待办 until it answers',
  })
  @IsOptional()
  @IsUUID()
  addressedOrganizationId?: string;
}
