import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORGANIZATION_KINDS, OrganizationKindValue } from '@xietong/domain';
import { BooleanString } from '../../common/decorators/boolean-string.decorator';

export class OrganizationListQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKindValue;

  @ApiPropertyOptional({ description: 'Part of the name, a short form or an alias, e.g. 桂' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'false lists the names plan import could not resolve' })
  @IsOptional()
  @BooleanString()
  @IsBoolean({ message: 'verified must be true or false' })
  verified?: boolean;
}
