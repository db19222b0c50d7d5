import { PERIODS, BUCKETS, parseDate } from './history-period.js';

// The History view's address: everything on screen is in the hash, so a link reopens the same view.
//   #/history?scope=device&device=kiosk-07&period=last7&bucket=day&compare=previous
//   #/history?scope=site&site=shop-a&period=custom&from=2026-03-29&to=2026-03-29&bucket=hour
//   ...&compare=custom&b_from=2026-03-22&b_to=2026-03-22
// A value the page cannot use is replaced by the default and named in one line (problems).

export const SCOPES = ['fleet', 'site', 'device'];
export const COMPARES = ['none', 'previous', 'custom'];
const DEFAULT_BUCKET = { today: 'hour', yesterday: 'hour', last7: 'day', last30: 'day', custom: 'day' };

export function isHistoryHash(hash) {
  return /^#\/history(\?|$)/.test(hash);
}

export function parseHistoryHash(hash) {
  const query = new URLSearchParams(hash.replace(/^#\/history\??/, ''));
  const problems = [];
  const pick = (key, allowed, fallback) => {
    const value = query.get(key);
    if (value === null || value === '') return fallback;
    if (allowed.includes(value)) return value;
    problems.push(`${key}: '${value}' is not one of ${allowed.join(', ')}; showing ${fallback}`);
    return fallback;
  };
  const date = (key) => {
    const value = query.get(key);
    if (value === null || value === '') return null;
    if (parseDate(value)) return value;
    problems.push(`${key}: '${value}' is not a date (YYYY-MM-DD)`);
    return null;
  };
  let scope = pick('scope', SCOPES, 'fleet');
  const name = scope === 'fleet' ? null : query.get(scope) || null;
  if (scope !== 'fleet' && !name) {
    problems.push(`${scope}: no ${scope} named; showing the fleet`);
    scope = 'fleet';
  }
  let period = pick('period', PERIODS, 'last7');
  const from = date('from');
  const to = date('to');
  if (period === 'custom' && (!from || !to || from > to)) {
    problems.push(`period: a custom range needs from and to (YYYY-MM-DD, from not after to); showing the last 7 days`);
    period = 'last7';
  }
  const bucket = pick('bucket', BUCKETS, DEFAULT_BUCKET[period]);
  let compare = pick('compare', COMPARES, 'none');
  const bFrom = date('b_from');
  const bTo = date('b_to');
  if (compare === 'custom' && (!bFrom || !bTo || bFrom > bTo)) {
    problems.push(`compare: a second range needs b_from and b_to (YYYY-MM-DD, b_from not after b_to); comparing with the previous period`);
    compare = 'previous';
  }
  return {
    state: { scope, name, period, from: period === 'custom' ? from : null, to: period === 'custom' ? to : null, bucket, compare, bFrom: compare === 'custom' ? bFrom : null, bTo: compare === 'custom' ? bTo : null },
    problems,
  };
}

export function historyHash(state) {
  const query = new URLSearchParams();
  query.set('scope', state.scope);
  if (state.scope !== 'fleet') query.set(state.scope, state.name);
  query.set('period', state.period);
  if (state.period === 'custom') {
    query.set('from', state.from);
    query.set('to', state.to);
  }
  query.set('bucket', state.bucket);
  if (state.compare !== 'none') query.set('compare', state.compare);
  if (state.compare === 'custom') {
    query.set('b_from', state.bFrom);
    query.set('b_to', state.bTo);
  }
  // encodeURIComponent rather than URLSearchParams' own form ('+' for a space): a name reads the
  // same in the address bar as in a link written by hand.
  return `#/history?${[...query].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

// The link to a device's or a site's history (the fleet view's links), with the default period.
export function historyLink(scope, name) {
  return historyHash({ scope, name, period: 'last7', bucket: 'day', compare: 'none' });
}
