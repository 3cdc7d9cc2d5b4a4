import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { SaveViewDto } from './saved-view.dto';

const COLUMNS = `id, name, path, query, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Each person's named views; nobody sees or removes another's. */
@Injectable()
export class SavedViewsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(user: AuthUser) {
    return this.db.query(`SELECT ${COLUMNS} FROM saved_views WHERE user_id = $1 ORDER BY name`, [user.id]);
  }

  /** Saving under a name already taken replaces that view: what "save view as …" does elsewhere. */
  async save(user: AuthUser, dto: SaveViewDto) {
    const [view] = await this.db.query(
      `INSERT INTO saved_views (user_id, name, path, query) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, name) DO UPDATE SET path = excluded.path, query = excluded.query, updated_at = now()
       RETURNING ${COLUMNS}`,
      [user.id, dto.name.trim(), dto.path, dto.query],
    );
    return view;
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const [, deleted] = await this.db.query(`DELETE FROM saved_views WHERE id = $1 AND user_id = $2`, [
      id,
      user.id,
    ]);
    if (!deleted)
      throw new NotFoundException(
        '没有这个已保存的视图（可能已删除）。No such saved view (it may have been deleted).',
      );
  }
}
