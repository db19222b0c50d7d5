import { h, number } from './dom.js';
import { emotionArray } from './contract.js';
import { emotionMix } from './emotion-mix.js';

// A period's totals (the "total" object of /api/v1/summary, or "a"/"b" of /api/v1/compare) as a
// list a person reads; the data- attributes carry the API's figures unrounded for the tests.

export function lookRate(total) {
  return total.visits > 0 ? total.watchers / total.visits : null;
}

export function coverage(total) {
  return total.windows_expected > 0 ? total.windows / total.windows_expected : null;
}

const percent = (value) => (value === null ? '–' : `${(100 * value).toFixed(0)} %`);
const secondsText = (stats) => (stats?.median == null ? '–' : `${number(stats.median, 1)} s (mean ${number(stats.mean, 1)} s)`);

export function totalsPanel(title, period, total, key) {
  const rate = lookRate(total);
  const cover = coverage(total);
  const rows = [
    ['visits', String(total.visits), { 'data-total': 'visits', 'data-value': total.visits }],
    ['watchers', String(total.watchers), { 'data-total': 'watchers', 'data-value': total.watchers }],
    ['look rate', percent(rate), { 'data-total': 'look_rate', 'data-value': rate ?? '' }],
    ['dwell, median', secondsText(total.dwell_s), { 'data-total': 'dwell_median', 'data-value': total.dwell_s?.median ?? '' }],
    ['attention, median', secondsText(total.attention_s), { 'data-total': 'attention_median', 'data-value': total.attention_s?.median ?? '' }],
    ['coverage', cover === null ? '–' : `${percent(Math.min(1, cover))} (${total.windows} of ${total.windows_expected} windows)`, { 'data-total': 'coverage', 'data-value': cover ?? '' }],
  ];
  return h(
    'section',
    { class: 'panel totals', 'data-totals': key },
    h('h2', {}, title),
    h('p', { class: 'muted period-text' }, period),
    h('dl', { class: 'health' }, rows.map(([name, text, attributes]) => [h('dt', {}, name), h('dd', attributes, text)])),
    h('h3', {}, 'Emotion mix of visits'),
    emotionMix(emotionArray(total.emotions), 'Emotion mix of visits'),
    h('h3', {}, 'Emotion mix of face-time'),
    emotionMix(emotionArray(total.emotion_seconds), 'Emotion mix of face-time'),
  );
}
