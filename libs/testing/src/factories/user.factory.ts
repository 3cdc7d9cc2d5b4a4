import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { DataSource } from 'typeorm';
import { UserRole } from '@xietong/rules';
import { TEST_DEMO_PASSWORD } from '../test-database';

export interface UserSpec {
  role: UserRole;
  /** An organization code from the seeded dictionary, e.g. GX or GX-LO-GD. */
  organizationCode: string;
  email?: string;
  displayName?: string;
  password?: string;
}

export interface UserFixture {
  id: string;
  email: string;
  password: string;
  organizationId: string;
}

// argon2 is deliberately slow; specs creating many users share one hash per password.
const hashes = new Map<string, Promise<string>>();

export async function createUser(db: DataSource, spec: UserSpec): Promise<UserFixture> {
  const password = spec.password ?? TEST_DEMO_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hash(password));
  const email =
    spec.email ??
    `${spec.role}.${spec.organizationCode.toLowerCase()}.${randomBytes(3).toString('hex')}@test.local`;
  const [user] = await db.query(
    `INSERT INTO users (email, password_hash, display_name, role, organization_id)
     SELECT $1::text, $2::text, $3::text, $4::text, id FROM organizations WHERE code = $5::text
     RETURNING id, organization_id AS "organizationId"`,
    [
      email,
      await hashes.get(password),
      spec.displayName ?? email.split('@')[0],
      spec.role,
      spec.organizationCode,
    ],
  );
  if (!user) throw new Error(`No organization with code ${spec.organizationCode} in the seeded dictionary`);
  return { id: user.id, email, password, organizationId: user.organizationId };
}
