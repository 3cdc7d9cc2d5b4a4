import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({
    enum: WORK_ITEM_STATUSES,
    description: '"done" needs progress 100; this update is the final one',
  })
  @IsOptional()
  @IsIn(WORK_ITEM_STATUSES)
  status?: WorkItemStatus;
}
