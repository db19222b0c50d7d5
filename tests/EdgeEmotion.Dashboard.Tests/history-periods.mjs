// Runs the History view's own modules (dashboard/src/history-period.js and history-link.js, the
// code the browser runs) under node in the time zone of the TZ variable, and prints as JSON what
// they make of each case: the C# test (HistoryPeriodTests) compares it with .NET's time zones.
// Usage: TZ=Europe/Berlin node history-periods.mjs <dashboard/src> '<cases as JSON>'
//   cases: { now: [ms...], days: ['YYYY-MM-DD'...], custom: [[from, to]...], links: ['#/history?...'] }
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [source, casesJson] = process.argv.slice(2);
const period = await import(pathToFileURL(join(source, 'history-period.js')));
const link = await import(pathToFileURL(join(source, 'history-link.js')));
const cases = JSON.parse(casesJson);

const range = (r) => ({ from: r.from, to: r.to, partial: r.partial });
const named = cases.now.map((now) => ({
  now,
  periods: Object.fromEntries(['today', 'yesterday', 'last7', 'last30'].map((name) => {
    const a = period.rangeOf(period.periodDays(name, now), now);
    return [name, { a: range(a), previous: range(period.previousRange(a)) }];
  })),
}));
const days = cases.days.map((day) => {
  const a = period.rangeOf(period.periodDays('custom', 0, day, day), 0);
  return { day, from: a.from, to: a.to, hour: period.bucketStarts(a.from, a.to, 'hour'), dayBuckets: period.bucketStarts(a.from, a.to, 'day') };
});
const custom = cases.custom.map(([from, to]) => {
  const days = period.periodDays('custom', 0, from, to);
  if (!days) return { from, to, refused: true };
  const a = period.rangeOf(days, 0);
  return { from, to, range: range(a), previous: range(period.previousRange(a)), day: period.bucketStarts(a.from, a.to, 'day'), week: period.bucketStarts(a.from, a.to, 'week') };
});
const links = cases.links.map((hash) => {
  const parsed = link.parseHistoryHash(hash);
  return { hash, state: parsed.state, problems: parsed.problems, again: link.historyHash(parsed.state), reparsed: link.parseHistoryHash(link.historyHash(parsed.state)).state };
});
console.log(JSON.stringify({ zone: period.browserZone(), named, days, custom, links }));
