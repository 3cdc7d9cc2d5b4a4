import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search over everything a person remembers about an item: its title, its task's title and text,
 * and every update in its thread. pg_trgm cannot serve Chinese here: a two-character query such
 * as 港口 yields no complete trigram, so the index would return every row, and the databases we
 * run on use the C.UTF-8 locale. Instead each item keeps one lower-cased search text (maintained
 * by triggers, so every writer — api, importer, seeds, SQL — keeps it true) and a GIN index over
 * the text's character bigrams; a query asks for the bigrams of each term (`@>`) and rechecks the
 * exact substring with strpos. Bigrams are taken in characters, not bytes, and never span
 * whitespace: the query's terms are split on it.
 */
export class WorkItemSearch1796350423670 implements MigrationInterface {
  name = 'WorkItemSearch1796350423670';

  async up(db: QueryRunner): Promise<void> {
    // One pass over the characters (FOREACH): substr(text, i, 2) or chars[i] walk the UTF-8 text or
    // the array from its start for every i, several times slower on a 150-character thread.
    await db.query(`
      CREATE FUNCTION search_bigrams(document text) RETURNS text[]
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        previous text := ' ';
        c text;
        grams text[] := '{}';
      BEGIN
        FOREACH c IN ARRAY string_to_array(regexp_replace(document, '\\s', ' ', 'g'), NULL) LOOP
          IF previous <> ' ' AND c <> ' ' THEN
            grams := grams || (previous || c);
          END IF;
          previous := c;
        END LOOP;
        RETURN ARRAY(SELECT DISTINCT unnest(grams));
      END $$`);
    await db.query(`
      CREATE FUNCTION work_item_search_text(item_title text, item_task_id uuid, item_id uuid) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT lower(concat_ws(E'\\n', item_title, t.title, t.body,
          (SELECT string_agg(u.text, E'\\n' ORDER BY u.created_at, u.id) FROM work_item_updates u
           WHERE u.work_item_id = item_id)))
        FROM tasks t WHERE t.id = item_task_id
      $$`);
    await db.query(`ALTER TABLE work_items ADD COLUMN search_text text`);
    await db.query(`UPDATE work_items SET search_text = work_item_search_text(title, task_id, id)`);
    await db.query(`
      CREATE FUNCTION work_items_search_text_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := work_item_search_text(NEW.title, NEW.task_id, NEW.id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER work_items_search_text BEFORE INSERT OR UPDATE OF title, task_id ON work_items
      FOR EACH ROW EXECUTE FUNCTION work_items_search_text_trigger()`);
    // A new update only appends (the hot path: no re-reading of the thread); edits and deletions rebuild.
    await db.query(`
      CREATE FUNCTION work_item_updates_search_text_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE work_items SET search_text = concat_ws(E'\\n', search_text, lower(NEW.text))
          WHERE id = NEW.work_item_id;
          RETURN NEW;
        END IF;
        UPDATE work_items SET search_text = work_item_search_text(title, task_id, id)
        WHERE id = OLD.work_item_id OR (TG_OP = 'UPDATE' AND id = NEW.work_item_id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER work_item_updates_search_text AFTER INSERT OR DELETE OR UPDATE OF text, work_item_id
      ON work_item_updates FOR EACH ROW EXECUTE FUNCTION work_item_updates_search_text_trigger()`);
    await db.query(`
      CREATE FUNCTION tasks_search_text_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE work_items SET search_text = work_item_search_text(title, task_id, id) WHERE task_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tasks_search_text AFTER UPDATE OF title, body ON tasks
      FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)
      EXECUTE FUNCTION tasks_search_text_trigger()`);
    await db.query(
      `CREATE INDEX work_items_search_idx ON work_items USING gin (search_bigrams(search_text))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX work_items_search_idx`);
    await db.query(`DROP TRIGGER tasks_search_text ON tasks`);
    await db.query(`DROP FUNCTION tasks_search_text_trigger()`);
    await db.query(`DROP TRIGGER work_item_updates_search_text ON work_item_updates`);
    await db.query(`DROP FUNCTION work_item_updates_search_text_trigger()`);
    await db.query(`DROP TRIGGER work_items_search_text ON work_items`);
    await db.query(`DROP FUNCTION work_items_search_text_trigger()`);
    await db.query(`ALTER TABLE work_items DROP COLUMN search_text`);
    await db.query(`DROP FUNCTION work_item_search_text(text, uuid, uuid)`);
    await db.query(`DROP FUNCTION search_bigrams(text)`);
  }
}
