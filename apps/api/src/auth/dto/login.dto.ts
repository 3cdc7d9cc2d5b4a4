import { ApiProperty } from '@nestjs/swagger';

/** Documented for OpenAPI; passport-local reads the fields before any pipe runs. */
export class LoginDto {
  @ApiProperty({ example: 'coordinator.gx@xietong.local' })
  email!: string;

  @ApiProperty({ example: 'xietong-demo' })
  password!: string;
}
