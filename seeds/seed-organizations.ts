import { DataSource } from 'typeorm';
import { ORGANIZATION_DICTIONARY } from './organizations';

/** Organizations that are not in any plan but that the demo needs: a Guangxi liaison office. */
export const DEMO_ORGANIZATIONS = [
  {
    code: 'GX-LO-GD',
    name: '广西壮族自治区人民政府驻广东办事处',
    kind: 'liaison_office',
    shortNames: ['广西驻粤办'],
    aliases: [],
    parentCode: 'GX',
  },
] as const;

/**
 * Idempotent: names, short forms and aliases follow the dictionary; ids, and organizations the
 * importer created unverified, are left alone.
 */
export async function seedOrganizations(dataSource: DataSource): Promise<number> {
  const entries = [...ORGANIZATION_DICTIONARY, ...DEMO_ORGANIZATIONS];
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO organizations (code, name, kind, short_names, aliases, verified)
       SELECT e.code, e.name, e.kind, e.short_names, e.aliases, true
       FROM jsonb_to_recordset($1::jsonb) AS e(code text, name text, kind text, short_names text[], aliases text[])
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, short_names = EXCLUDED.short_names,
             aliases = EXCLUDED.aliases, verified = true`,
      [
        JSON.stringify(
          entries.map((entry) => ({
            code: entry.code,
            name: entry.name,
            kind: entry.kind,
            short_names: entry.shortNames,
            aliases: entry.aliases,
          })),
        ),
      ],
    );
    await manager.query(
      `UPDATE organizations child SET parent_id = parent.id
       FROM jsonb_to_recordset($1::jsonb) AS e(code text, parent_code text), organizations parent
       WHERE child.code = e.code AND parent.code = e.parent_code`,
      [
        JSON.stringify(
          entries.filter((e) => e.parentCode).map((e) => ({ code: e.code, parent_code: e.parentCode })),
        ),
      ],
    );
  });
  return entries.length;
}
