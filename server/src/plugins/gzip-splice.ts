import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A body gzipped once around a short slot whose bytes change per answer (the `timeStamp` of a
 * cached OGC page): the text before and after the slot are deflated on their own — the part
 * before ends with a full flush, so nothing after it refers back into it — and each answer
 * deflates only the slot and joins the three into one valid gzip member (RFC 1951/1952: blocks
 * are byte-aligned after a flush; only the last part sets BFINAL). The CRC-32 is computed over
 * the slot and the part after it per answer (zlib's crc32, ≈ µs for a page), the size is the sum.
 */
export interface SplicedGzip {
  /** The gzip header and the deflated text before the slot (not final). */
  head: Buffer;
  /** The deflated text after the slot (final block). */
  tail: Buffer;
  /** The text after the slot, for the CRC. */
  after: Buffer;
  /** CRC-32 of the text before the slot. */
  crcBefore: number;
  /** Length of the uncompressed text without the slot. */
  length: number;
}

/** gzip member header: deflate, no flags, no mtime, unknown OS (RFC 1952 §2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
const FULL_FLUSH = { finishFlush: constants.Z_FULL_FLUSH };

/** Prepares `body` with a slot of `slotLength` bytes at `slotAt` (its content is given per answer). */
export function spliceGzip(body: Buffer, slotAt: number, slotLength: number): SplicedGzip {
  const before = body.subarray(0, slotAt);
  const after = body.subarray(slotAt + slotLength);
  return {
    head: Buffer.concat([GZIP_HEADER, deflateRawSync(before, FULL_FLUSH)]),
    tail: deflateRawSync(after),
    after,
    crcBefore: crc32(before),
    length: before.length + after.length,
  };
}

/** The gzip member of the body with `slot` written in its place. */
export function gzipWithSlot(parts: SplicedGzip, slot: Buffer): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(parts.after, crc32(slot, parts.crcBefore)) >>> 0, 0);
  trailer.writeUInt32LE((parts.length + slot.length) % 2 ** 32, 4);
  return Buffer.concat([parts.head, deflateRawSync(slot, FULL_FLUSH), parts.tail, trailer]);
}
