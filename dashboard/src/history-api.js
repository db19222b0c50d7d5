import { rfc3339, browserZone } from './history-period.js';

// The collector's API as the History view asks it: only aggregates (summary, compare, the device
// list); never raw visits or windows. The page finds the API on the server that served it, or at
// ?api=http://host:port (the collector must then allow the page's origin: Http:AllowedOrigins).

// The API's base URL ('' = the page's own server), or null when there is none to ask (a page
// opened from disk without ?api=).
export function apiBase(location) {
  const given = new URLSearchParams(location.search).get('api');
  if (given) return given.replace(/\/+$/, '');
  return location.protocol === 'http:' || location.protocol === 'https:' ? '' : null;
}

function scopeParameters(state, query) {
  if (state.scope === 'device') query.set('device', state.name);
  if (state.scope === 'site') query.set('site', state.name);
}

export function summaryUrl(base, state, range, format = 'json') {
  const query = new URLSearchParams({ from: rfc3339(range.from), to: rfc3339(range.to), bucket: state.bucket });
  scopeParameters(state, query);
  query.set('tz', browserZone());
  if (format !== 'json') query.set('format', format);
  return `${base}/api/v1/summary?${query}`;
}

export function compareUrl(base, state, a, b, format = 'json') {
  const query = new URLSearchParams({ a_from: rfc3339(a.from), a_to: rfc3339(a.to), b_from: rfc3339(b.from), b_to: rfc3339(b.to) });
  scopeParameters(state, query);
  query.set('tz', browserZone());
  if (format !== 'json') query.set('format', format);
  return `${base}/api/v1/compare?${query}`;
}

export function devicesUrl(base) {
  return `${base}/api/v1/devices`;
}

// JSON from the API; a refusal becomes an error with the API's own one-line reason.
export async function getJson(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Error(`the collector did not answer (${error.message})`);
  }
  if (!response.ok) {
    const text = (await response.text()).trim().split('\n')[0];
    throw new Error(`${response.status} ${response.statusText}${text ? `: ${text}` : ''}`);
  }
  return response.json();
}

// Whether a collector answers at base: its /api/v1/health says so (a daemon serving the page has no API).
export async function isCollector(base) {
  try {
    return (await getJson(`${base}/api/v1/health`)).service === 'edgeemotion-collector';
  } catch {
    return false;
  }
}
