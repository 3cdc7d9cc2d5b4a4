import { MigrationInterface, QueryRunner } from 'typeorm';

/** Named list views (a screen and its filters, search and sort) that each person keeps for themself. */
export class SavedViews1796351519540 implements MigrationInterface {
  name = 'SavedViews1796351519540';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE saved_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
        path text NOT NULL CHECK (char_length(path) BETWEEN 1 AND 200),
        query text NOT NULL CHECK (char_length(query) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX saved_views_user_name_uq ON saved_views (user_id, name)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE saved_views`);
  }
}
