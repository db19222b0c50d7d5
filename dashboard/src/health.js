import { h, number, duration } from './dom.js';

// The stats fields an installer looks at first. Unknown or missing fields show a dash.
export function healthList(stats) {
  if (!stats) return h('p', { class: 'muted' }, 'no stats yet');
  const rows = [
    ['frames/s', number(stats.fps, 1)],
    ['memory', stats.resident_memory_mb === undefined ? '–' : `${number(stats.resident_memory_mb, 0)} MB`],
    ['camera', stats.source_state ?? '–'],
    ['windows waiting', number(stats.pending_windows)],
    ['uptime', typeof stats.uptime_s === 'number' ? duration(stats.uptime_s * 1000) : '–'],
    ['version', stats.version ?? '–'],
  ];
  const problem = (stats.pending_windows > 0) || stats.source_state === 'retrying';
  return h('dl', { class: problem ? 'health warn' : 'health' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-field': k }, v)]));
}
