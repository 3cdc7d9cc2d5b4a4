import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BooleanString } from '../../common/decorators/boolean-string.decorator';
import { FormNumber } from '../../common/form-fields';
import { IsCalendarDate } from './is-calendar-date.validator';

export class RequestExtensionDto {
  @ApiProperty({ example: '2026-09-30', description: 'Later than the current deadline' })
  @IsCalendarDate()
  requestedDeadline!: string;

  @ApiProperty({ example: '用地审批尚未完成', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Progress so far' })
  @FormNumber()
  @IsInt()
  @Min(0)
  @Max(100)
  progress!: number;

  @ApiPropertyOptional({ description: 'Required (true) when the requested date is already past' })
  @IsOptional()
  @BooleanString()
  @IsBoolean()
  confirmPastDeadline?: boolean;
}
