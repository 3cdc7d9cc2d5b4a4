import { SetMetadata } from '@nestjs/common';
import { UserRole } from '@xietong/rules';

export const ROLES = 'roles';
/** Restricts a route to these roles; checked by RolesGuard with a 403 that names them. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
