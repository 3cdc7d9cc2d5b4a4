import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LOCALES, USER_ROLES, UserRole } from '@xietong/rules';
import { PageQueryDto } from '../../work-items/dto/page-query.dto';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei@gxdrc.gov.cn' })
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiProperty({ minLength: 10, description: 'Initial password; the user should change it' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: string;

  @ApiPropertyOptional({ default: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, [
    'displayName',
    'organizationId',
    'role',
    'password',
    'locale',
    'timeZone',
  ] as const),
) {
  @ApiPropertyOptional({ description: 'false signs the user out everywhere and blocks sign-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'Part of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
