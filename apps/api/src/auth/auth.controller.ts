import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuthUser } from './auth-user';
import { AuthService, TokenPair } from './auth.service';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @Post('auth/login')
  @HttpCode(200)
  login(@Req() request: Request): Promise<TokenPair> {
    return this.auth.login(request.user as AuthUser, request.ip);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshTokenDto, @Req() request: Request): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, request.ip);
  }

  /** The refresh token is the credential here, so signing out works after the access token expired. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() user: AuthUser) {
    const [me] = await this.db.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.locale, u.time_zone AS "timeZone",
              u.notification_preferences AS "notificationPreferences",
              json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'kind', o.kind) AS organization,
              $2::uuid AS "actingOrganizationId"
       FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [user.id, user.actingOrganizationId],
    );
    return me;
  }
}
