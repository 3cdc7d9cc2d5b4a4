import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { User } from '@xietong/domain';
import { buildIcsFeed } from '@xietong/rules';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * A subscribable feed of the user's deadlines. Calendar apps cannot sign in, so the feed sits
 * behind a token of its own, stored hashed and revocable without touching the password.
 */
@Injectable()
export class CalendarService {
  private readonly users: Repository<User>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.users = db.getRepository(User);
  }

  /** A new feed URL; any earlier one stops working. */
  async createToken(userId: string): Promise<{ url: string }> {
    const token = randomBytes(24).toString('base64url');
    await this.users.update(userId, { calendarTokenHash: sha256(token) });
    return { url: `${this.config.publicUrl}/api/calendar/${token}.ics` };
  }

  async revokeToken(userId: string): Promise<void> {
    await this.users.update(userId, { calendarTokenHash: null });
  }

  /** The ICS text for the token's owner, or undefined when the token is unknown, revoked or its user inactive. */
  async feed(token: string): Promise<string | undefined> {
    const user = await this.users.findOne({
      select: { id: true, displayName: true },
      where: { calendarTokenHash: sha256(token), active: true },
    });
    if (!user) return undefined;
    const items: { uid: string; title: string; description: string; deadline: string; status: string }[] =
      await this.db.query(
        `SELECT w.id AS uid, t.code || w.title AS title, p.title || ' · ' || o.name AS description,
                w.deadline::text AS deadline, w.status
         FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN plans p ON p.id = w.plan_id
         JOIN organizations o ON o.id = w.organization_id
         WHERE w.owner_id = $1 ORDER BY w.deadline`,
        [user.id],
      );
    return buildIcsFeed({
      calendarName: `协同 · ${user.displayName}的截止日期`,
      items: items.map((item) => ({ ...item, url: `${this.config.publicUrl}/work-items/${item.uid}` })),
      now: new Date(),
    });
  }
}
