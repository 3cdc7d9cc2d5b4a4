import { hash } from 'argon2';
import { DataSource } from 'typeorm';
import { UserRole } from '@xietong/rules';

export interface DemoUser {
  email: string;
  displayName: string;
  role: UserRole;
  organizationCode: string;
}

/** The demo logins of CONTRACT.md. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@xietong.local', displayName: '系统管理员', role: 'admin', organizationCode: 'NDRC' },
  {
    email: 'manager@xietong.local',
    displayName: '北部湾规划负责人',
    role: 'manager',
    organizationCode: 'NDRC',
  },
  {
    email: 'coordinator.gx@xietong.local',
    displayName: '广西协调员',
    role: 'coordinator',
    organizationCode: 'GX',
  },
  {
    email: 'coordinator.gd@xietong.local',
    displayName: '广东协调员',
    role: 'coordinator',
    organizationCode: 'GD',
  },
  {
    email: 'coordinator.hi@xietong.local',
    displayName: '海南协调员',
    role: 'coordinator',
    organizationCode: 'HI',
  },
  {
    email: 'liaison.gx@xietong.local',
    displayName: '广西驻粤办联络员',
    role: 'liaison',
    organizationCode: 'GX-LO-GD',
  },
  {
    email: 'ndrc@xietong.local',
    displayName: '国家发展改革委协调员',
    role: 'coordinator',
    organizationCode: 'NDRC',
  },
];

/**
 * People the demo gives work to besides the logins above (owners, so lists and the owner filter
 * show more than one name per province); they sign in with the demo password too.
 */
export const DEMO_STAFF: readonly DemoUser[] = [
  { email: 'huang.haiyan@xietong.local', displayName: '黄海燕', role: 'coordinator', organizationCode: 'GX' },
  { email: 'wei.zhiqiang@xietong.local', displayName: '韦志强', role: 'coordinator', organizationCode: 'GX' },
  { email: 'chen.lixin@xietong.local', displayName: '陈立新', role: 'coordinator', organizationCode: 'GD' },
];

/** Creates missing demo users; an existing user (and a password they changed) is left alone. */
export async function seedDemoUsers(
  dataSource: DataSource,
  password: string,
  users: readonly DemoUser[] = DEMO_USERS,
): Promise<number> {
  const passwordHash = await hash(password);
  const result: unknown[] = await dataSource.query(
    `INSERT INTO users (email, password_hash, display_name, role, organization_id)
     SELECT u.email, $2, u.display_name, u.role, o.id
     FROM jsonb_to_recordset($1::jsonb) AS u(email text, display_name text, role text, organization_code text)
     JOIN organizations o ON o.code = u.organization_code
     ON CONFLICT (email) DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        users.map((u) => ({
          email: u.email,
          display_name: u.displayName,
          role: u.role,
          organization_code: u.organizationCode,
        })),
      ),
      passwordHash,
    ],
  );
  return result.length;
}
