import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ORGANIZATION_KINDS, OrganizationKindValue } from '@xietong/domain';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'GX-LO-BJ', description: 'Upper-case letters, digits and dashes' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, {
    message: 'code must be upper-case letters, digits and dashes (at most 40)',
  })
  code!: string;

  @ApiProperty({ example: '广西壮族自治区人民政府驻北京办事处' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/^\S(.*\S)?$/s, { message: 'name must not start or end with spaces' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKindValue;

  @ApiPropertyOptional({ type: [String], example: ['广西驻京办'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each short name needs a character that is not a space' })
  @MaxLength(100, { each: true })
  shortNames?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each alias needs a character that is not a space' })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The province (or other unit) it belongs to: a liaison office’s or a city’s province',
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  verified?: boolean;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}
