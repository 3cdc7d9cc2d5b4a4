import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Marks a route reachable without an access token (login, refresh, health, calendar feeds). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
