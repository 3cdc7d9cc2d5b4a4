import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class PeopleQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or an email address, e.g. 黄 or huang' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One person, e.g. to name the owner a shared link filters by',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id 须是用户的 UUID。id must be a user id (UUID).' })
  id?: string;
}
