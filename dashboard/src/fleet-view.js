import { h, clock } from './dom.js';
import { emotionMix } from './emotion-mix.js';
import { healthList } from './health.js';
import { statusBadges } from './status.js';
import { latestWindow } from './fleet-state.js';
import { historyLink } from './history-link.js';
import { lookRate, lookRateText } from './audience.js';

// Every device seen on the broker: a card each, sorted by name; only cards whose device changed
// are rebuilt.
export class FleetView {
  // badLink: the address's device link when it could not be read (shown as text, never as HTML).
  constructor(root, state, badLink = null) {
    this.state = state;
    this.grid = h('div', { class: 'fleet', 'data-view': 'fleet' });
    this.empty = h('p', { class: 'muted' }, 'Waiting for devices… (none has published on this broker and prefix yet)');
    this.cards = new Map();
    const notice = badLink ? h('p', { class: 'notice', role: 'alert', 'data-bad-link': badLink }, `The link ${badLink} names no device (its name is not valid percent-encoding); showing the fleet.`) : null;
    // Without a bad link there is no notice (replaceChildren would write a null as the text "null").
    root.replaceChildren(...[h('h1', {}, 'Fleet ', h('a', { href: '#/history', class: 'history-link', 'data-history': 'fleet' }, 'history')), notice, this.empty, this.grid].filter(Boolean));
  }

  render(dirty, now) {
    for (const name of dirty) {
      const d = this.state.devices.get(name);
      if (!d) continue;
      const card = this.card(d, now);
      const old = this.cards.get(name);
      if (old) old.replaceWith(card);
      else this.insertSorted(name, card);
      this.cards.set(name, card);
    }
    this.empty.hidden = this.cards.size > 0;
  }

  insertSorted(name, card) {
    const after = [...this.cards.keys()].filter((n) => n > name).sort()[0];
    if (after) this.grid.insertBefore(card, this.cards.get(after));
    else this.grid.append(card);
  }

  card(d, now) {
    const w = latestWindow(d);
    return h(
      'article',
      { class: `card ${d.status}`, 'data-device': d.name, 'data-status': d.status, 'data-windows': d.windows.length, 'data-last-seq': w ? w.seq : '' },
      h('header', {}, h('a', { href: `#/device/${encodeURIComponent(d.name)}`, class: 'device-name' }, d.name), statusBadges(d, now)),
      // The collector's history of the device and of its site (#/history needs the collector's API).
      h('p', { class: 'history-links' }, h('a', { href: historyLink('device', d.name), 'data-history': 'device' }, 'history'), d.site ? [' · ', h('a', { href: historyLink('site', d.site), 'data-history': 'site' }, `site ${d.site} history`)] : null),
      w
        ? h(
            'section',
            { class: 'last-window' },
            h('h3', {}, `Last window ${clock(w.start)}–${clock(w.end)}`),
            h(
              'p',
              { class: 'visitors', 'data-present': w.present, 'data-looking': w.looking, 'data-look-rate': lookRate(w.present, w.looking) ?? '', 'data-face-frames': w.faces },
              `People ${w.present} · watchers ${w.looking}`,
              h('small', {}, ` (${lookRateText(w.present, w.looking)}, new ${w.newVisitors}) · ${w.faces} face-frames`),
            ),
            emotionMix(w.counts, 'Emotion mix of the last window'),
          )
        : h('p', { class: 'muted' }, 'no window yet'),
      h('section', { class: 'health-box' }, h('h3', {}, 'Health'), healthList(d.stats)),
    );
  }
}
