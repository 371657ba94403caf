import { type Static, Type } from 'typebox';

/** A text in both UI languages. */
export const LocalizedText = Type.Object(
  { vi: Type.String(), en: Type.String() },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedText>;

/** An OGC API link. Every link carries rel and type. */
export const Link = Type.Object(
  {
    href: Type.String(),
    rel: Type.String(),
    type: Type.String(),
    title: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Link = Static<typeof Link>;

/** A list of links (self, next, alternate, …). */
export const Links = Type.Array(Link);

/** An ISO 8601 UTC timestamp. */
export const Timestamp = Type.String({ format: 'date-time' });
