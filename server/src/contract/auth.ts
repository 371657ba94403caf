import { type Static, Type } from 'typebox';
import { ROLES } from './vocabulary';

/** The signed-in user of a session. */
export const SessionUser = Type.Object(
  { username: Type.String(), role: Type.Enum(ROLES) },
  { additionalProperties: false },
);
export type SessionUser = Static<typeof SessionUser>;

/** POST /api/auth/login body. */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** POST /api/auth/login answer (the session itself is the HttpOnly cookie). */
export const LoginResponse = Type.Object({ user: SessionUser }, { additionalProperties: false });
export type LoginResponse = Static<typeof LoginResponse>;

/** GET /api/auth/me: the signed-in user, or null for an anonymous visitor. */
export const MeResponse = Type.Object(
  { user: Type.Union([SessionUser, Type.Null()]) },
  { additionalProperties: false },
);
export type MeResponse = Static<typeof MeResponse>;
