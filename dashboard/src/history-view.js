import { h } from './dom.js';
import { PERIODS, PERIOD_NAMES, BUCKETS, periodDays, rangeOf, previousRange, dateText, addDays, localDate, browserZone } from './history-period.js';
import { SCOPES, COMPARES, parseHistoryHash, historyHash, historyLink } from './history-link.js';
import { summaryUrl, compareUrl, devicesUrl, getJson } from './history-api.js';
import { HistoryCharts, lowCoverage } from './history-charts.js';
import { totalsPanel } from './history-totals.js';
import { differencesTable } from './history-compare.js';

// #/history: a scope (fleet, site, device) over a period in buckets, from the collector's
// aggregates only (/api/v1/summary, /api/v1/compare, /api/v1/devices). The address holds the whole
// view (history-link.js), so the controls only change the address and the view follows it.

const COMPARE_NAMES = { none: 'no comparison', previous: 'previous period of the same length', custom: 'a second range' };
const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function periodText(range) {
  return `${timeFormat.format(range.from)} – ${timeFormat.format(range.to)} (${browserZone()})`;
}

function option(value, text, selected) {
  return h('option', { value, selected: value === selected ? 'selected' : null }, text);
}

function select(name, label, values, names, selected) {
  return h('label', { class: 'control' }, h('span', {}, label), h('select', { name }, values.map((v) => option(v, names[v] ?? v, selected))));
}

function dateInput(name, label, value) {
  return h('label', { class: 'control' }, h('span', {}, label), h('input', { type: 'date', name, value: value ?? '' }));
}

export class HistoryView {
  // api: the collector's base URL ('' = this server), or null when the page has none.
  constructor(root, api) {
    this.api = api;
    this.devices = null;
    this.aborter = null;
    this.form = h('form', { class: 'history-controls', 'aria-label': 'History: scope, period, bucket, comparison' });
    this.notice = h('div', { class: 'history-notice' });
    this.status = h('p', { class: 'history-status', role: 'status', 'aria-live': 'polite' });
    this.totals = h('div', { class: 'history-totals' });
    this.comparison = h('section', { class: 'history-compare' });
    this.chartBox = h('div', { class: 'history-charts' });
    this.downloads = h('p', { class: 'downloads' });
    this.links = h('section', { class: 'history-links' });
    this.root = h('div', { class: 'history', 'data-view': 'history', 'data-state': 'loading' }, h('h1', {}, 'History'), this.notice, this.form, this.status, this.downloads, this.totals, this.comparison, h('section', { class: 'panel' }, h('h2', {}, 'Per bucket'), h('p', { class: 'muted' }, 'Shaded: buckets where the devices sent less than 90 % of the windows they should have (switched off or offline), so a dip there is missing data, not an empty shop.'), this.chartBox), this.links);
    root.replaceChildren(h('nav', {}, h('a', { href: '#/' }, '← Live fleet')), this.root);
    this.charts = new HistoryCharts(this.chartBox);
    this.form.addEventListener('change', (event) => this.controlsChanged(event));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.follow(this.formState(), true);
    });
    this.onResize = () => this.charts.resize();
    window.addEventListener('resize', this.onResize);
    if (api !== null) this.loadDevices();
  }

  render() {}

  // Shows what the address asks for.
  open(hash) {
    const { state, problems } = parseHistoryHash(hash);
    this.state = state;
    this.hash = hash;
    this.notice.replaceChildren(...problems.map((p) => h('p', { class: 'notice', role: 'alert', 'data-link-problem': '' }, p)));
    this.drawControls();
    if (this.api === null) {
      this.setStatus('error', 'History needs the collector: open this page from the collector (its Http:Urls address), or add ?api=http://host:port to the address.');
      return;
    }
    this.load();
  }

  setStatus(kind, text) {
    this.root.dataset.state = kind;
    this.status.className = `history-status ${kind}`;
    this.status.textContent = text;
  }

  ranges(state, now = Date.now()) {
    const a = rangeOf(periodDays(state.period, now, state.from, state.to), now);
    if (state.compare === 'none') return { a, b: null };
    const b = state.compare === 'previous' ? previousRange(a) : rangeOf(periodDays('custom', now, state.bFrom, state.bTo), now);
    return { a, b };
  }

  async load() {
    this.aborter?.abort();
    const aborter = new AbortController();
    this.aborter = aborter;
    const state = this.state;
    const hash = this.hash;
    const { a, b } = this.ranges(state);
    const summaryJson = summaryUrl(this.api, state, a);
    const compareJson = b ? compareUrl(this.api, state, a, b) : null;
    this.setStatus('loading', 'Loading…');
    const links = [h('a', { href: summaryUrl(this.api, state, a, 'csv'), download: 'summary.csv', 'data-csv': 'summary' }, '⇩ CSV of the buckets and total')];
    if (compareJson) links.push(' · ', h('a', { href: compareUrl(this.api, state, a, b, 'csv'), download: 'compare.csv', 'data-csv': 'compare' }, '⇩ CSV of the comparison'));
    this.downloads.replaceChildren(...links);
    try {
      const [summary, compare] = await Promise.all([getJson(summaryJson, aborter.signal), compareJson ? getJson(compareJson, aborter.signal).catch((error) => ({ error })) : null]);
      if (aborter.signal.aborted) return;
      this.draw(state, summary, a, compare, b);
      this.setStatus('ready', `${summary.buckets.length} ${state.bucket} buckets · ${scopeText(state)}`);
      this.root.dataset.shown = hash; // what is on screen, for a test or a script waiting for it
    } catch (error) {
      if (error.name === 'AbortError') return;
      const hint = /^404\b/.test(error.message) ? ' (no collector API here: open the page from the collector, or add ?api=http://host:port)' : '';
      this.setStatus('error', `The collector refused or failed: ${error.message}${hint}`);
      this.root.dataset.shown = hash;
    }
  }

  draw(state, summary, a, compare, b) {
    const panels = [totalsPanel(compare ? 'A: this period' : 'Total', periodText(a), summary.total, 'a')];
    if (compare && !compare.error) panels.push(totalsPanel('B: compared with', periodText(b), compare.b, 'b'));
    this.totals.replaceChildren(...panels);
    this.totals.classList.toggle('side-by-side', panels.length > 1);
    if (!compare) this.comparison.replaceChildren();
    else if (compare.error) this.comparison.replaceChildren(h('p', { class: 'notice', role: 'alert' }, `No comparison: ${compare.error.message}`));
    else this.comparison.replaceChildren(h('h2', {}, `A against B (${COMPARE_NAMES[state.compare]})`), h('div', { class: 'table-box' }, differencesTable(compare)));
    const gaps = lowCoverage(summary.buckets).length;
    this.chartBox.dataset.lowCoverage = String(gaps);
    this.charts.update(summary.buckets);
  }

  async loadDevices() {
    try {
      const answer = await getJson(devicesUrl(this.api));
      this.devices = answer.devices ?? [];
    } catch (error) {
      this.devices = [];
      this.links.replaceChildren(h('p', { class: 'muted' }, `No device list: ${error.message}`));
      return;
    }
    if (this.state) this.drawControls();
    const sites = [...new Set(this.devices.map((d) => d.site).filter(Boolean))].sort();
    this.links.replaceChildren(
      h('h2', {}, 'Devices and sites'),
      h('ul', { class: 'link-list', 'data-links': 'sites' }, sites.map((s) => h('li', {}, h('a', { href: historyLink('site', s), 'data-site': s }, `site ${s}`)))),
      h('ul', { class: 'link-list', 'data-links': 'devices' }, this.devices.map((d) => h('li', {}, h('a', { href: historyLink('device', d.device), 'data-device': d.device }, d.device), d.site ? h('small', {}, ` at ${d.site}`) : null))),
    );
  }

  drawControls() {
    const s = this.state;
    const names = s.scope === 'site' ? [...new Set((this.devices ?? []).map((d) => d.site).filter(Boolean))].sort() : (this.devices ?? []).map((d) => d.device);
    if (s.name && !names.includes(s.name)) names.unshift(s.name);
    const today = dateText(localDate(Date.now()));
    this.form.replaceChildren(
      h('div', { class: 'control-row' },
        select('scope', 'Scope', SCOPES, {}, s.scope),
        s.scope === 'fleet' ? null : select('name', s.scope === 'site' ? 'Site' : 'Device', names, {}, s.name),
        select('period', 'Period', PERIODS, PERIOD_NAMES, s.period),
        s.period === 'custom' ? [dateInput('from', 'From', s.from ?? today), dateInput('to', 'To (inclusive)', s.to ?? today)] : null,
        select('bucket', 'Bucket', BUCKETS, {}, s.bucket),
      ),
      h('div', { class: 'control-row' },
        select('compare', 'Compare with', COMPARES, COMPARE_NAMES, s.compare),
        s.compare === 'custom' ? [dateInput('b_from', 'B from', s.bFrom ?? dateText(addDays(localDate(Date.now()), -7))), dateInput('b_to', 'B to (inclusive)', s.bTo ?? dateText(addDays(localDate(Date.now()), -7)))] : null,
        h('button', { type: 'submit' }, 'Show'),
      ),
    );
  }

  formState() {
    const f = new FormData(this.form);
    const scope = f.get('scope');
    const names = scope === 'site' ? [...new Set((this.devices ?? []).map((d) => d.site).filter(Boolean))].sort() : (this.devices ?? []).map((d) => d.device);
    // A scope changed to a site or device starts with the first one known.
    const name = scope === 'fleet' ? null : (scope === this.state.scope ? f.get('name') : names[0]) ?? null;
    const period = f.get('period');
    const today = dateText(localDate(Date.now()));
    return {
      scope: scope !== 'fleet' && !name ? 'fleet' : scope,
      name,
      period,
      from: period === 'custom' ? f.get('from') || today : null,
      to: period === 'custom' ? f.get('to') || today : null,
      bucket: f.get('bucket'),
      compare: f.get('compare'),
      bFrom: f.get('b_from') || null,
      bTo: f.get('b_to') || null,
    };
  }

  controlsChanged(event) {
    const state = this.formState();
    // A second range is applied once both of its dates are there; everything else at once.
    if (state.compare === 'custom' && (!state.bFrom || !state.bTo) && event.target.name !== 'compare') return;
    if (state.compare === 'custom' && (!state.bFrom || !state.bTo)) {
      state.bFrom = dateText(addDays(localDate(Date.now()), -7));
      state.bTo = state.bFrom;
    }
    this.follow(state, false);
  }

  // Puts a state in the address (the hashchange opens it); the same address again reloads it.
  follow(state, reload) {
    const hash = historyHash(state);
    if (hash === window.location.hash) {
      if (reload) this.open(hash);
    } else {
      window.location.hash = hash;
    }
  }

  destroy() {
    this.aborter?.abort();
    window.removeEventListener('resize', this.onResize);
    this.charts.destroy();
  }
}

function scopeText(state) {
  return state.scope === 'fleet' ? 'the whole fleet' : `${state.scope} ${state.name}`;
}
