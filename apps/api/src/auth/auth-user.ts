import { UserRole } from '@xietong/rules';

/** Who is calling, from the access token's claims. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  organizationId: string;
  /**
   * The organization whose items this user works on. A liaison office acts for its parent
   * province, so a Guangxi liaison in Guangdong sees and updates Guangxi's items.
   */
  actingOrganizationId: string;
}

export interface AccessTokenClaims {
  sub: string;
  /** The session: the refresh-token family of one sign-in, so ending it ends this token too. */
  sid: string;
  email: string;
  role: UserRole;
  org: string;
  acting: string;
}
