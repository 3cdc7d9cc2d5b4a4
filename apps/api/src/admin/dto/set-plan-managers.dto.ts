import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

export class SetPlanManagersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Users with the manager role; replaces the list',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
