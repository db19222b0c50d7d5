import uPlot from 'uplot';
import { EMOTIONS } from './contract.js';
import { EMOTION_COLOURS } from './colours.js';
import { HISTORY_MS } from './fleet-state.js';

// The device's last hour, one point per window (x = window end): visitors, and the emotion mix as
// stacked shares of the window's face-frames. uPlot draws series in order, so the stack is drawn as
// cumulative shares from the top down, each filled to zero over the one before.

const stepped = uPlot.paths.stepped({ align: -1 });

function size(container) {
  const width = Math.max(240, container.clientWidth || 600);
  return { width, height: Math.round(Math.min(260, Math.max(160, width * 0.35))) };
}

export class DeviceCharts {
  constructor(container) {
    this.container = container;
    const { width, height } = size(container);
    this.visitors = new uPlot(
      {
        title: 'Visitors per window',
        width,
        height,
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
        series: [
          { label: 'time' },
          { label: 'present', stroke: '#000000', width: 2, paths: stepped },
          { label: 'new', stroke: '#0072B2', width: 2, dash: [6, 4], paths: stepped },
          { label: 'looking', stroke: '#E69F00', width: 2, dash: [2, 3], paths: stepped },
        ],
        axes: [{}, { label: 'visitors' }],
      },
      [[], [], [], []],
      container,
    );
    this.raw = EMOTIONS.map(() => []);
    const reversed = [...EMOTIONS].reverse();
    this.mix = new uPlot(
      {
        title: 'Emotion mix per window (% of face-frames)',
        width,
        height,
        scales: { x: { time: true }, y: { range: [0, 100] } },
        series: [
          { label: 'time' },
          ...reversed.map((name) => ({
            label: name,
            stroke: EMOTION_COLOURS[name],
            fill: EMOTION_COLOURS[name],
            paths: stepped,
            points: { show: false },
            // The legend shows the emotion's own share, not the cumulative height drawn.
            value: (u, v, si, i) => (i == null || this.raw[EMOTIONS.indexOf(name)][i] == null ? '–' : `${this.raw[EMOTIONS.indexOf(name)][i].toFixed(0)} %`),
          })),
        ],
        axes: [{}, { label: '%' }],
      },
      [[], ...reversed.map(() => [])],
      container,
    );
    this.points = 0;
  }

  update(windows) {
    const xs = windows.map((w) => w.end / 1000);
    this.visitors.setData([xs, windows.map((w) => w.present), windows.map((w) => w.newVisitors), windows.map((w) => w.looking)]);
    this.raw = EMOTIONS.map((_, e) => windows.map((w) => (w.faces > 0 ? (100 * w.counts[e]) / w.faces : null)));
    // Cumulative from angry (bottom) to neutral (top); series run top first.
    const cumulative = [];
    let running = windows.map((w) => (w.faces > 0 ? 0 : null));
    for (let e = 0; e < EMOTIONS.length; e++) {
      running = running.map((value, i) => (value === null ? null : value + this.raw[e][i]));
      cumulative.push(running);
    }
    this.mix.setData([xs, ...cumulative.reverse()]);
    // From the first window held, up to an hour: a device that just started fills the width.
    const newest = xs[xs.length - 1];
    if (newest !== undefined) {
      const min = Math.max(xs[0], newest - HISTORY_MS / 1000);
      for (const chart of [this.visitors, this.mix]) chart.setScale('x', { min: Math.min(min, newest - 10), max: newest });
    }
    this.points = xs.length;
  }

  resize() {
    const s = size(this.container);
    this.visitors.setSize(s);
    this.mix.setSize(s);
  }

  destroy() {
    this.visitors.destroy();
    this.mix.destroy();
  }
}
