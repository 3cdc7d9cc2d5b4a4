import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SaveViewDto {
  @ApiProperty({ example: '我单位未指派', maxLength: 40 })
  @IsString()
  @MinLength(1, { message: '请给视图起个名字。Give the view a name.' })
  @MaxLength(40, { message: '视图名称最多 40 个字。A view name has at most 40 characters.' })
  name!: string;

  @ApiProperty({ example: '/items', description: 'The screen the view opens' })
  @IsString()
  @MaxLength(200)
  @Matches(/^\/[\w\-/]*$/, { message: 'path must be a path of the web app, such as /items' })
  path!: string;

  @ApiProperty({ example: 'q=港口&unassigned=true&sort=deadline', description: 'The URL query, without "?"' })
  @IsString()
  @MaxLength(2000, {
    message: '视图的筛选条件太长（最多 2000 个字符）。The filters are too long (2,000 characters at most).',
  })
  @Matches(/^[^?#]*$/, { message: 'query is the part after "?", without "?" or "#"' })
  query!: string;
}
