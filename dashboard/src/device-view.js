import { h, clock, number } from './dom.js';
import { EMOTION_COLOURS } from './colours.js';
import { DeviceCharts } from './charts.js';
import { facesView } from './faces-view.js';
import { healthList } from './health.js';
import { statusBadges } from './status.js';
import { emotionMix } from './emotion-mix.js';
import { latestWindow } from './fleet-state.js';
import { lookRate, lookRateText } from './audience.js';

// One device: status and health, the last hour per window, the latest visits and the live faces.
export class DeviceView {
  constructor(root, state, name) {
    this.state = state;
    this.name = name;
    this.header = h('header', { class: 'device-header' });
    this.summary = h('section', { class: 'panel summary' });
    this.chartBox = h('div', { class: 'charts' });
    this.visits = h('section', { class: 'panel visits' });
    this.faces = h('section', { class: 'panel faces-panel' });
    root.replaceChildren(
      h('nav', {}, h('a', { href: '#/' }, '← Fleet')),
      h('div', { class: 'device', 'data-view': 'device', 'data-device': name }, this.header, h('div', { class: 'device-grid' }, this.summary, h('section', { class: 'panel chart-panel' }, h('h2', {}, 'Last hour'), this.chartBox), this.faces, this.visits)),
    );
    this.charts = new DeviceCharts(this.chartBox);
    this.chartBox.dataset.points = '0';
    this.onResize = () => this.charts.resize();
    window.addEventListener('resize', this.onResize);
  }

  render(dirty, now) {
    if (!dirty.has(this.name)) return;
    const d = this.state.device(this.name);
    this.header.replaceChildren(h('h1', {}, d.name), statusBadges(d, now));
    const w = latestWindow(d);
    this.summary.replaceChildren(
      h('h2', {}, 'Health'),
      healthList(d.stats),
      h('h2', {}, 'Last window'),
      ...(w
        ? [
            h(
              'p',
              { class: 'audience', 'data-present': w.present, 'data-looking': w.looking, 'data-look-rate': lookRate(w.present, w.looking) ?? '' },
              `${clock(w.start)}–${clock(w.end)} · people ${w.present}, watchers ${w.looking}, ${lookRateText(w.present, w.looking)} (new ${w.newVisitors}) · ${w.faces} face-frames`,
            ),
            emotionMix(w.counts, 'Emotion mix of the last window'),
          ]
        : [h('p', { class: 'muted' }, 'no window yet')]),
    );
    this.charts.update(d.windows);
    this.chartBox.dataset.points = String(this.charts.points);
    this.chartBox.dataset.lastSeq = w ? String(w.seq) : '';
    this.visits.replaceChildren(h('h2', {}, 'Latest visits'), this.visitTable(d.visits));
    this.faces.replaceChildren(h('h2', {}, 'Live faces'), facesView(d.faces, d.status !== 'offline', now));
  }

  visitTable(visits) {
    if (visits.length === 0) return h('p', { class: 'muted' }, 'no visit yet (a visit is published when the person has gone)');
    return h(
      'table',
      { 'data-visits': visits.length },
      h('thead', {}, h('tr', {}, h('th', {}, 'ended'), h('th', {}, 'dwell'), h('th', {}, 'face'), h('th', {}, 'attention'), h('th', {}, 'watcher'), h('th', {}, 'emotion'))),
      h(
        'tbody',
        {},
        visits.map((v) =>
          h(
            'tr',
            { 'data-seq': v.seq, 'data-looked': v.looked === null ? '' : String(v.looked) },
            h('td', {}, clock(v.end)),
            h('td', {}, `${number(v.dwell, 1)} s`),
            h('td', {}, `${number(v.face, 1)} s`),
            h('td', {}, `${number(v.attention, 1)} s`),
            h('td', {}, v.looked === null ? '–' : v.looked ? 'yes' : 'no'),
            // A person whose face was never seen has no emotion.
            h('td', {}, v.emotion ? [h('span', { class: 'swatch', style: `background:${EMOTION_COLOURS[v.emotion] ?? '#fff'}` }), v.emotion] : h('span', { class: 'muted' }, 'no face')),
          ),
        ),
      ),
    );
  }

  destroy() {
    window.removeEventListener('resize', this.onResize);
    this.charts.destroy();
  }
}
