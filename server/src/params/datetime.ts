/**
 * The `datetime` parameter of OGC API – Features Part 1 (clause 7.15.4): an RFC 3339 date-time
 * (`2018-02-12T23:20:50Z`, offsets allowed), a full date (`2018-02-12`, the whole UTC day), or an
 * interval of two of them separated by `/`, where either end (not both) may be open: `..` or empty.
 */

/** A `datetime` value as an inclusive range of instants (ms since 1970, UTC); an open end is undefined. */
export interface DatetimeInterval {
  /** 'instant': one date-time (start = end) or one date (its whole UTC day); else 'interval'. */
  kind: 'instant' | 'interval';
  start?: number;
  end?: number;
}

/** A malformed `datetime`; the message is safe to show. params/problem.ts → 400 naming `datetime`. */
export class DatetimeError extends Error {
  override name = 'DatetimeError';
  readonly parameter = 'datetime';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fail(value: string): never {
  throw new DatetimeError(
    `Parameter 'datetime' must be an RFC 3339 date-time (2018-02-12T23:20:50Z), a date (2018-02-12) or an interval of them with '/' (open ends '..'); got '${value}'`,
  );
}

/** One end: [first ms, last ms] of a date or date-time, or undefined when it is not one. */
function instant(text: string): [number, number] | undefined {
  const d = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!d) return undefined;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const midnight = Date.UTC(year, month - 1, day);
  if (d.length === 4) return [midnight, midnight + DAY_MS - 1];
  const [hour, minute, second] = [Number(d[4]), Number(d[5]), Number(d[6])];
  // RFC 3339 allows a leap second (60); it is read as the last millisecond of that minute.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = d[7] ? Math.floor(Number(d[7]) * 1000) : 0;
  const zone = d[8]!;
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (oh > 23 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms =
    midnight +
    ((hour * 60 + minute) * 60 + Math.min(second, 59)) * 1000 +
    (second === 60 ? 999 : fraction) -
    offset;
  return [ms, ms];
}

/** `datetime` → the interval it names, undefined when absent; DatetimeError when malformed. */
export function parseDatetime(value: string | undefined): DatetimeInterval | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length > 80) fail(`${text.slice(0, 80)}…`);
  const parts = text.split('/');
  if (parts.length === 1) {
    const one = instant(text);
    if (!one) fail(text);
    return { kind: 'instant', start: one[0], end: one[1] };
  }
  if (parts.length !== 2) fail(text);
  const [a, b] = parts.map((p) => (p === '' || p === '..' ? null : (instant(p) ?? fail(text))));
  if (a === null && b === null) fail(text);
  const start = a?.[0];
  const end = b?.[1];
  if (start !== undefined && end !== undefined && start > end) {
    throw new DatetimeError(`Parameter 'datetime': the interval '${text}' ends before it starts`);
  }
  return { kind: 'interval', start, end };
}

/**
 * The calendar years (UTC) an interval touches, for a year-valued property such as
 * `support_year`: a feature of year Y matches when its year lies within [from, to] (open ends
 * undefined).
 */
export function intervalYears(interval: DatetimeInterval): { from?: number; to?: number } {
  return {
    from: interval.start === undefined ? undefined : new Date(interval.start).getUTCFullYear(),
    to: interval.end === undefined ? undefined : new Date(interval.end).getUTCFullYear(),
  };
}
