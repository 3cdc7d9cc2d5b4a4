import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from './auth-user';

/** Who is signed in, as the web app's header and settings show it. */
@Injectable()
export class MeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async profile(user: AuthUser) {
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
