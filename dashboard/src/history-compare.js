import { h } from './dom.js';

// The differences of /api/v1/compare (computed by the collector, so every client gets the same
// answer) as a table: each measure's two values, the difference A − B and its 95 % interval, and
// whether the interval includes zero ("within noise": a difference chance alone would often make).

const EMOTION_MEASURE = /^(emotion_share|face_time_share)\.(.+)$/;
const NAMES = {
  look_rate: 'look rate',
  'dwell_s.mean': 'dwell, mean',
  'dwell_s.median': 'dwell, median',
  'attention_s.mean': 'attention, mean',
  'attention_s.median': 'attention, median',
  visits_per_hour: 'visits per hour',
};

export function measureName(measure) {
  const emotion = EMOTION_MEASURE.exec(measure);
  if (emotion) return `${emotion[1] === 'emotion_share' ? 'visits' : 'face-time'}: ${emotion[2]}`;
  return NAMES[measure] ?? measure;
}

// Shares are fractions shown as % (their difference in percentage points), durations in seconds.
function formatter(kind) {
  if (kind === 'share') return { value: (v) => `${(100 * v).toFixed(1)} %`, diff: (v) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} pt` };
  if (kind === 'rate') return { value: (v) => v.toFixed(2), diff: (v) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}` };
  return { value: (v) => `${v.toFixed(1)} s`, diff: (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} s` };
}

function verdict(d) {
  if (d.within_noise === true) return h('span', { class: 'verdict noise' }, '≈ within noise');
  if (d.within_noise === false) return h('span', { class: 'verdict changed' }, d.difference > 0 ? '▲ A higher' : '▼ A lower');
  return h('span', { class: 'verdict none' }, 'not enough data');
}

const show = (v, f) => (typeof v === 'number' && Number.isFinite(v) ? f(v) : '–');

export function differencesTable(compare) {
  const rows = (compare.differences ?? []).map((d) => {
    const f = formatter(d.kind);
    return h(
      'tr',
      { 'data-measure': d.measure, 'data-within-noise': String(d.within_noise), 'data-difference': d.difference ?? '' },
      h('th', { scope: 'row' }, measureName(d.measure)),
      h('td', { 'data-label': 'A' }, show(d.a, f.value)),
      h('td', { 'data-label': 'B' }, show(d.b, f.value)),
      h('td', { 'data-label': 'A − B' }, show(d.difference, f.diff)),
      h('td', { class: 'interval' }, typeof d.low === 'number' && typeof d.high === 'number' ? `${f.diff(d.low)} to ${f.diff(d.high)}` : '–', d.method ? h('small', {}, ` ${d.method}`) : null),
      h('td', {}, verdict(d), h('small', {}, ` n ${d.n_a ?? '–'} / ${d.n_b ?? '–'}`)),
    );
  });
  const confidence = Math.round(100 * (compare.confidence ?? 0.95));
  return h(
    'table',
    { class: 'differences', 'data-differences': rows.length },
    h('caption', {}, `Differences A − B with ${confidence} % intervals; "within noise" where the interval includes zero.`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'measure'), h('th', { scope: 'col' }, 'A'), h('th', { scope: 'col' }, 'B'), h('th', { scope: 'col' }, 'A − B'), h('th', { scope: 'col' }, `${confidence} % interval`), h('th', { scope: 'col' }, 'verdict'))),
    h('tbody', {}, rows),
  );
}
