// Periods and buckets of the History view in the browser's time zone, as the collector cuts them
// (src/Collector/Reports/BucketCalendar.cs): a day runs from local midnight to local midnight (23
// or 25 hours on the nights the clocks change), a week from Monday's midnight, an hour is a local
// hour (the rollups' unit: a collector made for the zone keeps them in its hours, HourGrid, also
// where the offset is not whole hours, as in India or Nepal). Calendar dates
// are plain {y, m, d} values, counted in UTC so that adding days never meets a clock change; only
// midnight() turns a date into an instant, with the zone's rules (JavaScript's Date does that for
// the browser's zone, so no time-zone library is needed: the zone is always the browser's own).

export const PERIODS = ['today', 'yesterday', 'last7', 'last30', 'custom'];
export const PERIOD_NAMES = { today: 'today', yesterday: 'yesterday', last7: 'last 7 days', last30: 'last 30 days', custom: 'custom range' };
export const BUCKETS = ['hour', 'day', 'week'];
const HOUR_MS = 3600 * 1000;
const FIXED_DAYS = { today: 0, yesterday: -1, last7: -6, last30: -29 };
const FIXED_LENGTH = { today: 1, yesterday: 1, last7: 7, last30: 30 };

// 'YYYY-MM-DD' -> {y, m, d}, or null when it is not a real calendar date.
export function parseDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? ''));
  if (!match) return null;
  const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  const check = addDays(date, 0);
  return check.y === date.y && check.m === date.m && check.d === date.d ? date : null;
}

export function dateText(date) {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

export function addDays(date, days) {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

// Days from a to b (b - a), whole calendar days.
export function daysBetween(a, b) {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / (24 * HOUR_MS));
}

// The local calendar date of an instant.
export function localDate(instant) {
  const t = new Date(instant);
  return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() };
}

// The instant a local date begins. Where the clocks jump over midnight the Date constructor moves
// forward to the first local time that exists, and where midnight happens twice it takes the
// first: the collector's rule.
export function midnight(date) {
  return new Date(date.y, date.m - 1, date.d).getTime();
}

// The start of the local hour an instant falls in. Offsets that are not whole hours stay whole
// quarter hours (minute 30 in India, 45 in Nepal), so the local hour starts where the clock's
// minutes and seconds are zero.
export function hourFloor(instant) {
  const t = new Date(instant);
  return instant - ((t.getMinutes() * 60 + t.getSeconds()) * 1000 + t.getMilliseconds());
}

// The first whole local hour at or after an instant.
export function hourCeiling(instant) {
  const floor = hourFloor(instant);
  return floor === instant ? instant : floor + HOUR_MS;
}

// A period as calendar days: {first, days}, from a period name, now and (for custom) the first and
// last dates (inclusive). Returns null for a custom range that is not one.
export function periodDays(period, now, customFrom, customTo) {
  if (period === 'custom') {
    const first = parseDate(customFrom);
    const last = parseDate(customTo);
    if (!first || !last || daysBetween(first, last) < 0) return null;
    return { first, days: daysBetween(first, last) + 1 };
  }
  return { first: addDays(localDate(now), FIXED_DAYS[period]), days: FIXED_LENGTH[period] };
}

// The instants [from, to) of a period of days. A period that runs into the future ends at the
// next whole local hour after now (the collector's rollups count whole hours), so "today" is today so
// far and its comparison is the same hours of the day before.
export function rangeOf(period, now) {
  const from = midnight(period.first);
  const end = midnight(addDays(period.first, period.days));
  const to = end <= now || from >= now ? end : hourCeiling(now);
  return { from, to, first: period.first, days: period.days, partial: to < end };
}

// The period of the same length just before: as many calendar days earlier, cut at the same local
// time of day when the period is cut short (today until 15:00 -> yesterday until 15:00).
export function previousRange(range) {
  const first = addDays(range.first, -range.days);
  const from = midnight(first);
  if (!range.partial) return { from, to: range.from, first, days: range.days, partial: false };
  const cut = new Date(range.to);
  const cutDate = addDays(localDate(range.to), -range.days);
  const to = new Date(cutDate.y, cutDate.m - 1, cutDate.d, cut.getHours(), cut.getMinutes()).getTime();
  return { from, to, first, days: range.days, partial: true };
}

// The starts of the buckets of [from, to), the first one clipped to from, as the collector makes
// them: local hours, local days, or weeks from Monday's midnight.
export function bucketStarts(from, to, bucket) {
  const starts = [];
  let start = bucket === 'hour' ? hourFloor(from) : firstLocalStart(from, bucket);
  while (start < to) {
    starts.push(Math.max(start, from));
    start = bucket === 'hour' ? start + HOUR_MS : midnight(addDays(localDate(start), bucket === 'week' ? 7 : 1));
  }
  return starts;
}

function firstLocalStart(instant, bucket) {
  const date = localDate(instant);
  if (bucket === 'week') {
    const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay(); // 0 = Sunday
    return midnight(addDays(date, -((weekday + 6) % 7)));
  }
  return midnight(date);
}

// RFC 3339 in UTC, whole seconds: what the API's from and to take.
export function rfc3339(instant) {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The browser's IANA zone, sent to the collector so its buckets are the page's.
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
