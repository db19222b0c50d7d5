import uPlot from 'uplot';
import { EMOTIONS } from './contract.js';
import { EMOTION_COLOURS } from './colours.js';
import { h } from './dom.js';

// The History view's charts, one per measure, one step per bucket of /api/v1/summary (x = the
// bucket's start; one more point at the last bucket's end so it is drawn its full width). Buckets
// where the devices in scope sent less than LOW_COVERAGE of the windows they should have are
// shaded in every chart: a gap is a device that was off, not an empty shop.

export const LOW_COVERAGE = 0.9;
const stepped = uPlot.paths.stepped({ align: 1 });

function size(container) {
  const width = Math.max(200, container.clientWidth || 600);
  return { width, height: Math.round(Math.min(240, Math.max(150, width * 0.32))) };
}

const seconds = (iso) => Date.parse(iso) / 1000;
const ratio = (a, b) => (b > 0 ? a / b : null);
// The bucket's value, repeated at the end so the last step has a width.
const steps = (buckets, value) => {
  const values = buckets.map(value);
  return [...values, values[values.length - 1] ?? null];
};

// Per bucket: the share (%) of each emotion in a seven-key object, cumulative from angry (bottom)
// to neutral (top), top first as uPlot draws series in order; raw shares for the legend.
function stackedShares(buckets, field) {
  const raw = EMOTIONS.map((name) => steps(buckets, (b) => ratio(100 * (field(b)[name] ?? 0), EMOTIONS.reduce((s, e) => s + (field(b)[e] ?? 0), 0))));
  const cumulative = [];
  let running = raw[0].map((v) => (v === null ? null : 0));
  for (const shares of raw) {
    running = running.map((v, i) => (v === null ? null : v + shares[i]));
    cumulative.push(running);
  }
  return { raw, cumulative: cumulative.reverse() };
}

// Low-coverage buckets as [start, end] in seconds.
export function lowCoverage(buckets) {
  return buckets.filter((b) => b.windows_expected > 0 && b.windows / b.windows_expected < LOW_COVERAGE).map((b) => [seconds(b.start), seconds(b.end)]);
}

function shadeHook(gaps) {
  return (u) => {
    const { ctx } = u;
    ctx.save();
    ctx.fillStyle = 'rgba(120, 120, 120, 0.18)';
    for (const [start, end] of gaps) {
      const left = u.valToPos(start, 'x', true);
      const right = u.valToPos(end, 'x', true);
      ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
    }
    ctx.restore();
  };
}

const DEFINITIONS = [
  {
    key: 'visits',
    title: 'Visits and watchers (people who looked)',
    y: { label: 'people', range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
    series: [
      { label: 'visits', stroke: '#000000', width: 2, value: (b) => b.visits },
      { label: 'watchers', stroke: '#E69F00', width: 2, dash: [6, 4], value: (b) => b.watchers },
    ],
  },
  {
    key: 'look-rate',
    title: 'Look rate (watchers per visit, %)',
    y: { label: '%', range: [0, 100] },
    series: [{ label: 'look rate', stroke: '#0072B2', width: 2, value: (b) => ratio(100 * b.watchers, b.visits), format: (v) => `${v.toFixed(0)} %` }],
  },
  {
    key: 'dwell',
    title: 'Median dwell and attention (s)',
    y: { label: 's', range: (u, min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
    series: [
      { label: 'dwell median', stroke: '#000000', width: 2, value: (b) => b.dwell_s?.median ?? null, format: (v) => `${v.toFixed(1)} s` },
      { label: 'attention median', stroke: '#CC79A7', width: 2, dash: [2, 3], value: (b) => b.attention_s?.median ?? null, format: (v) => `${v.toFixed(1)} s` },
    ],
  },
  { key: 'visit-mix', title: 'Emotion mix of visits (% of visits)', mix: (b) => b.emotions ?? {} },
  { key: 'time-mix', title: 'Emotion mix of face-time (% of emotion seconds)', mix: (b) => b.emotion_seconds ?? {} },
  {
    key: 'coverage',
    title: 'Coverage (windows received / expected, %)',
    y: { label: '%', range: [0, 100] },
    series: [{ label: 'coverage', stroke: '#009E73', width: 2, value: (b) => (b.windows_expected > 0 ? Math.min(100, (100 * b.windows) / b.windows_expected) : null), format: (v) => `${v.toFixed(0)} %` }],
  },
];

export class HistoryCharts {
  constructor(container) {
    this.container = container;
    this.charts = [];
    this.raw = {};
  }

  update(buckets) {
    this.destroy();
    const xs = buckets.length ? [...buckets.map((b) => seconds(b.start)), seconds(buckets[buckets.length - 1].end)] : [];
    const hook = shadeHook(lowCoverage(buckets));
    const { width, height } = size(this.container);
    const boxes = [];
    for (const def of DEFINITIONS) {
      const box = h('figure', { class: 'history-chart', 'data-chart': def.key });
      boxes.push(box);
      const common = { title: def.title, width, height, hooks: { drawClear: [hook] }, cursor: { drag: { x: false, y: false } } };
      let options;
      let data;
      if (def.mix) {
        const { raw, cumulative } = stackedShares(buckets, def.mix);
        const reversed = [...EMOTIONS].reverse();
        options = {
          ...common,
          scales: { x: { time: true }, y: { range: [0, 100] } },
          legend: { show: false },
          series: [{}, ...reversed.map((name) => ({ label: name, stroke: EMOTION_COLOURS[name], fill: EMOTION_COLOURS[name], paths: stepped, points: { show: false }, value: (u, v, si, i) => (i == null || raw[EMOTIONS.indexOf(name)][i] == null ? '–' : `${raw[EMOTIONS.indexOf(name)][i].toFixed(0)} %`) }))],
          axes: [{}, { label: '%' }],
        };
        data = [xs, ...cumulative];
      } else {
        options = {
          ...common,
          scales: { x: { time: true }, y: { range: def.y.range } },
          series: [{}, ...def.series.map((s) => ({ label: s.label, stroke: s.stroke, width: s.width, dash: s.dash, paths: stepped, points: { show: false }, value: s.format ? (u, v) => (v == null ? '–' : s.format(v)) : undefined }))],
          axes: [{}, { label: def.y.label }],
        };
        data = [xs, ...def.series.map((s) => steps(buckets, s.value))];
      }
      this.charts.push(new uPlot(options, data, box));
      if (def.mix) box.append(mixLegend());
    }
    this.container.replaceChildren(...boxes);
    this.container.dataset.buckets = String(buckets.length);
  }

  resize() {
    const s = size(this.container);
    for (const chart of this.charts) chart.setSize(s);
  }

  destroy() {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}

// The stacked charts' colours named in words (the totals above give the shares).
function mixLegend() {
  return h('ul', { class: 'mix-legend' }, EMOTIONS.map((name) => h('li', {}, h('span', { class: 'swatch', style: `background:${EMOTION_COLOURS[name]}` }), name)));
}
