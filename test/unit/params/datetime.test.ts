import { describe, expect, it } from 'vitest';
import { DatetimeError, intervalYears, parseDatetime } from '../../../server/src/params/datetime';

const ms = (iso: string) => Date.parse(iso);

describe('datetime (OGC API – Features Part 1, 7.15.4)', () => {
  // The examples of Part 1 (OGC 17-069r4, /req/core/fc-time-definition): a date-time, a bounded
  // interval and two half-bounded intervals.
  it('reads the Part 1 examples', () => {
    expect(parseDatetime('2018-02-12T23:20:50Z')).toEqual({
      kind: 'instant',
      start: ms('2018-02-12T23:20:50Z'),
      end: ms('2018-02-12T23:20:50Z'),
    });
    expect(parseDatetime('2018-02-12T00:00:00Z/2018-03-18T12:31:12Z')).toEqual({
      kind: 'interval',
      start: ms('2018-02-12T00:00:00Z'),
      end: ms('2018-03-18T12:31:12Z'),
    });
    expect(parseDatetime('2018-02-12T00:00:00Z/..')).toEqual({
      kind: 'interval',
      start: ms('2018-02-12T00:00:00Z'),
      end: undefined,
    });
    expect(parseDatetime('../2018-03-18T12:31:12Z')).toEqual({
      kind: 'interval',
      start: undefined,
      end: ms('2018-03-18T12:31:12Z'),
    });
  });

  it('takes empty ends as open, as the Part 1 grammar allows', () => {
    expect(parseDatetime('2018-02-12T00:00:00Z/')).toMatchObject({
      start: ms('2018-02-12T00:00:00Z'),
      end: undefined,
    });
    expect(parseDatetime('/2018-03-18T12:31:12Z')).toMatchObject({
      start: undefined,
      end: ms('2018-03-18T12:31:12Z'),
    });
  });

  it('reads offsets, fractions, lower-case t/z and a leap second', () => {
    expect(parseDatetime('2018-02-12T07:20:50+07:00')?.start).toBe(ms('2018-02-12T00:20:50Z'));
    expect(parseDatetime('2018-02-11T23:20:50-05:30')?.start).toBe(ms('2018-02-12T04:50:50Z'));
    expect(parseDatetime('2018-02-12t23:20:50.123456z')?.start).toBe(ms('2018-02-12T23:20:50.123Z'));
    expect(parseDatetime('2016-12-31T23:59:60Z')?.start).toBe(ms('2016-12-31T23:59:59.999Z'));
  });

  it('reads a date as its whole UTC day, alone or as an interval end', () => {
    expect(parseDatetime('2018-02-12')).toEqual({
      kind: 'instant',
      start: ms('2018-02-12T00:00:00Z'),
      end: ms('2018-02-12T23:59:59.999Z'),
    });
    expect(parseDatetime('2010-01-01/2012-12-31')).toEqual({
      kind: 'interval',
      start: ms('2010-01-01T00:00:00Z'),
      end: ms('2012-12-31T23:59:59.999Z'),
    });
    expect(parseDatetime('2020-02-29')).toBeDefined();
  });

  it('is undefined when absent', () => {
    expect(parseDatetime(undefined)).toBeUndefined();
  });

  it.each([
    '',
    'now',
    '2018',
    '2018-02',
    '2018-13-01',
    '2018-02-30',
    '2019-02-29',
    '2018-02-12T23:20:50',
    '2018-02-12 23:20:50Z',
    '2018-02-12T24:00:00Z',
    '2018-02-12T23:60:00Z',
    '2018-02-12T23:20:61Z',
    '2018-02-12T23:20:50+24:00',
    '2018-02-12T23:20Z',
    '../..',
    '/',
    '..',
    '2018-02-12/2018-03-01/2018-04-01',
    '2018-02-12T00:00:00Z/later',
    `2018-02-12T00:00:00Z/${'9'.repeat(100)}`,
  ])('refuses %j with a DatetimeError naming datetime', (value) => {
    expect(() => parseDatetime(value)).toThrow(DatetimeError);
    try {
      parseDatetime(value);
    } catch (err) {
      expect((err as DatetimeError).parameter).toBe('datetime');
      expect((err as Error).message).toMatch(/Parameter 'datetime'/);
    }
  });

  it('refuses an interval that ends before it starts', () => {
    expect(() => parseDatetime('2018-03-18T00:00:00Z/2018-02-12T00:00:00Z')).toThrow(/ends before it starts/);
    expect(parseDatetime('2018-02-12/2018-02-12')).toMatchObject({ kind: 'interval' });
  });

  it('gives the calendar years an interval touches (for year properties such as support_year)', () => {
    expect(intervalYears(parseDatetime('2010-06-01/2012-01-01')!)).toEqual({ from: 2010, to: 2012 });
    expect(intervalYears(parseDatetime('../2012-01-01T00:00:00Z')!)).toEqual({ from: undefined, to: 2012 });
    expect(intervalYears(parseDatetime('2015-05-05')!)).toEqual({ from: 2015, to: 2015 });
  });
});
