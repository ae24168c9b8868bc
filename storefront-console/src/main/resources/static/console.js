// The page asks the console (never a service) for what its polls found, once a second, and redraws
// only what changed: a node whose content is the same is kept, so focus, a text selection and a screen
// reader's place survive the refresh.
'use strict';

const REFRESH_MS = 1000;
// The console answers from memory: one that takes longer is stopped or cut off, which a request
// left to hang would never show.
const ANSWER_LIMIT_MS = 5000;
let selected = null;
let focusDetail = false; // a row was just chosen: its drill-down takes the focus once it is shown
let detailInFlight = false; // a drill-down request not yet answered or given up
let lastPage = null; // the last answer, and when it came: what is shown while the console cannot be reached
const knownHealth = new Map(); // row index -> health last shown, to announce changes only

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (name === 'class') node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function badge(health) {
  return el('span', { class: 'badge h-' + health, 'data-health': health }, health);
}

// A badge of what is true now, which keeps its colour among the greyed last-known ones.
function currentBadge(health) {
  const node = badge(health);
  node.classList.add('current');
  return node;
}

// Every time the page shows is in UTC, and says so: the journal's restart reasons, which the console
// writes, are too, so that no time is read in the wrong zone, whatever the browser's and the console
// machine's. The day comes first when it is not that of `now`.
function utcTime(at, now = at) {
  // a time the browser cannot read (a start time past the year 9999) is shown as unknown, not thrown
  if (Number.isNaN(new Date(at).getTime())) return '–';
  const iso = new Date(at).toISOString();
  const day = iso.slice(0, 10);
  return (day === new Date(now).toISOString().slice(0, 10) ? '' : day + ' ') + iso.slice(11, 19) + ' UTC';
}

// A length of time as the console writes one in a reason ("no answer within 0.2 s"): with a point
// whatever the browser's language, which would write "0,2 s" beside the console's text in German.
function seconds(millis) {
  return String(millis / 1000) + ' s';
}

function gauge(name, label, value, limit, hot) {
  const share = limit > 0 ? Math.min(100, 100 * value / limit) : 0;
  const fill = el('span');
  fill.style.width = share + '%'; // through the CSSOM: the page's policy refuses style attributes
  const bar = el('div', { class: 'bar' + (hot ? ' hot' : '') }, fill);
  return el('div', { class: 'gauge', 'data-gauge': name, 'data-value': value },
    label, bar, limit > 0 ? value + ' / ' + limit : String(value));
}

function poolCell(row) {
  const pool = row.pool;
  if (!pool) return el('td', { class: 'detail muted' }, row.detailsProblem || 'no report');
  return el('td', { class: 'detail' },
    gauge('in-use', 'in use', pool.inUse, pool.poolSize, pool.inUse >= pool.poolSize),
    gauge('idle', 'idle', pool.idle, pool.limit, false),
    gauge('overflow', 'overflow', pool.overflow, pool.limit - pool.poolSize, pool.overflow > 0),
    gauge('open', 'open / limit', pool.total, pool.limit, pool.total >= pool.limit),
    gauge('waiting', 'waiting', pool.waiting, 0, pool.waiting > 0),
    gauge('timeouts', 'timeouts', pool.timeouts, 0, pool.timeouts > 0),
    el('div', { class: 'muted', 'data-gauge': 'server' }, serverConnections(row.database.serverConnections, pool)));
}

// Against the connections the services may open, as a degraded row's reason counts them ("server
// connections 90 of 97 usable"), not max_connections, which includes the slots the server keeps back.
function serverConnections(open, pool) {
  if (open === null || open === undefined || pool.serverUsable === null || pool.serverUsable === undefined) {
    return 'server: connections unknown (no answer from the database)';
  }
  return 'server: ' + open + ' of ' + pool.serverUsable + ' usable (max_connections ' + pool.serverMax
    + (pool.serverReserved === null || pool.serverReserved === undefined ? ', reserved slots not reported'
      : ' less ' + pool.serverReserved + ' reserved') + ')';
}

function versionCell(row) {
  return el('td', { class: 'version' }, row.version || '–',
    row.breaker ? el('div', { class: 'muted' }, 'breaker ' + row.breaker) : null);
}

function databaseCell(row) {
  const db = row.database || {};
  if (!db.status) return el('td', { class: 'detail muted' }, 'unknown');
  return el('td', { class: 'detail database' },
    el('span', { class: db.status === 'connected' ? 'pass' : 'fail' }, db.status), ' ', db.name || '',
    db.error ? el('div', { class: 'bad' }, db.error) : null);
}

// A stale or down row's version, breaker, database and pool are what its last answer said, not what is
// true now: said so, and greyed.
function dated(row, ...cells) {
  if ((row.health !== 'stale' && row.health !== 'down') || row.lastSeenSecondsAgo === null) return cells;
  for (const cell of cells) {
    cell.classList.add('dated');
    cell.prepend(el('div', { class: 'dated-note' }, 'last known, ' + ago(row.lastSeenSecondsAgo)));
  }
  return cells;
}

// A row still shown as its service last answered while every poll since has failed: its health is last
// known, and its reason says what the polls found.
function failing(row) {
  return row.failedPolls > 0 && ['healthy', 'degraded', 'unhealthy'].includes(row.health);
}

// The strip's colours, said in words: minutes per state, worst first as the page orders them.
function stripSummary(cells) {
  const minutes = new Map();
  for (const health of cells || []) minutes.set(health || 'not watched', (minutes.get(health || 'not watched') || 0) + 1);
  const order = ['down', 'stale', 'unhealthy', 'degraded', 'pending', 'healthy', 'not watched'];
  const parts = [...minutes.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([health, count]) => count + ' min ' + health);
  return 'last hour: ' + (parts.length ? parts.join(', ') : 'nothing sampled');
}

function strip(cells) {
  const summary = stripSummary(cells);
  const node = el('div', { class: 'strip', role: 'img', 'aria-label': summary, title: summary });
  for (const health of cells || []) node.append(el('span', health ? { class: 'h-' + health, title: health } : {}));
  return node;
}

// A no-break space: a narrow column wraps between the two percentages, never inside one.
function percent(value) {
  return value === null || value === undefined ? '–' : value.toFixed(1) + '\u00a0%';
}

// How much of its window each share covers: a share of two minutes' samples is no day's, and says so.
function uptimeText(row) {
  if (row.uptimeHour === null && row.uptimeDay === null) return 'uptime: – (nothing sampled yet)';
  return 'uptime: ' + uptime('1 h', row.uptimeHour, row.uptimeHourSampledMinutes, 60)
    + ', ' + uptime('24 h', row.uptimeDay, row.uptimeDaySampledMinutes, 24 * 60);
}

function uptime(window, share, sampledMinutes, windowMinutes) {
  if (share === null) return window + ' – (nothing sampled)';
  if (sampledMinutes >= windowMinutes) return window + ' ' + percent(share);
  return window + ' ' + percent(share) + ' (of ' + duration(sampledMinutes * 60000) + ' watched)';
}

// How long ago an answer came, said one way wherever the page says it (a row's last answer, its
// last-known cells, the drill-down): tenths while they tell polls of a short interval apart, then
// whole seconds and minutes, always rounded down, as a clock counts.
function ago(secondsAgo) {
  const millis = Math.max(0, Math.round(secondsAgo * 1000)); // whole milliseconds: 2.3 s is not 2.2999…
  return (millis < 10000 ? (Math.floor(millis / 100) / 10).toFixed(1) + ' s' : duration(millis)) + ' ago';
}

function duration(millis) {
  const totalSeconds = Math.max(0, Math.floor(millis / 1000));
  if (totalSeconds < 60) return totalSeconds + ' s';
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? hours + ' h ' + (minutes % 60) + ' min' : Math.floor(hours / 24) + ' d';
}

// How long the instance's process has been running, by the console's clock. Of a stale or down row only
// when it started: nothing says that process still runs.
function processAge(row, now) {
  if (!row.processStartedAt) return null;
  const started = new Date(row.processStartedAt);
  const text = (row.health === 'stale' || row.health === 'down') ? 'started ' + utcTime(started, now)
    : 'up ' + duration(new Date(now) - started);
  return el('div', { class: 'muted process-age', title: 'process started ' + utcTime(started, 0) }, text);
}

function serviceRow(row, authorized, now) {
  const name = authorized
    ? el('button', { type: 'button', class: 'row-name', 'aria-controls': 'detail',
      'aria-label': row.name + ' ' + row.address + ': show details' }, row.name)
    : el('strong', {}, row.name);
  const tr = el('tr', { class: 'service' + (selected === row.index ? ' selected' : ''), 'data-name': row.name,
    'data-address': row.address, 'data-health': row.health, 'data-index': row.index, 'data-key': row.index,
    'data-failed-polls': row.failedPolls, 'aria-current': (authorized && selected === row.index) ? 'true' : null },
    el('td', {}, name, el('div', { class: 'muted' }, row.address)),
    el('td', {}, badge(row.health), failing(row) ? el('div', { class: 'dated-note' }, 'last known') : null));
  if (authorized) {
    tr.append(
      el('td', { class: 'reason' + (failing(row) ? ' bad' : '') }, row.reason || ''),
      el('td', { class: 'last-seen' }, row.lastSeenSecondsAgo === null ? 'never'
        : ago(row.lastSeenSecondsAgo), processAge(row, now)),
      el('td', {}, row.latencyMillis === null ? '–'
        : el('span', { class: row.slow ? 'slow' : '' }, row.latencyMillis + ' ms' + (row.slow ? ' (slow)' : ''))),
      ...dated(row, versionCell(row), databaseCell(row), poolCell(row)),
      // under the strip, not a column of its own, so that the table fits a laptop's window
      el('td', {}, strip(row.strip), el('div', { class: 'muted uptime' }, uptimeText(row))));
  }
  return tr;
}

// Keeps `kept` (and so focus and selection inside it) and gives it the attributes of `fresh`.
function syncAttributes(kept, fresh) {
  for (const attribute of [...kept.attributes]) if (!fresh.hasAttribute(attribute.name)) kept.removeAttribute(attribute.name);
  for (const attribute of [...fresh.attributes]) {
    if (kept.getAttribute(attribute.name) !== attribute.value) kept.setAttribute(attribute.name, attribute.value);
  }
}

// Makes `parent`'s children the `fresh` nodes, keeping every child that is the same as its fresh one.
// Children are matched by data-key, else by position. With `inPlace`, a matched child that changed keeps
// its node: its attributes are updated and its own children patched (a row whose last-seen cell ticks
// keeps its other cells, and the focus in them).
function patch(parent, fresh, inPlace) {
  const keyOf = (node, i) => (node.dataset && node.dataset.key !== undefined) ? 'k' + node.dataset.key : 'p' + i;
  const old = new Map([...parent.children].map((node, i) => [keyOf(node, i), node]));
  fresh.forEach((node, i) => {
    const kept = old.get(keyOf(node, i));
    let use = node;
    if (kept && kept.tagName === node.tagName) {
      if (kept.outerHTML === node.outerHTML) use = kept;
      else if (inPlace) { syncAttributes(kept, node); patch(kept, [...node.children], false); use = kept; }
    }
    if (parent.children[i] !== use) parent.insertBefore(use, parent.children[i] || null);
  });
  while (parent.children.length > fresh.length) parent.lastElementChild.remove();
}

// Says each change of an instance's health once, politely, for those who cannot see the colours change.
function announce(rows) {
  const changes = [];
  for (const row of rows) {
    const before = knownHealth.get(row.index);
    if (before !== undefined && before !== row.health) changes.push(row.name + ' ' + row.address + ': ' + before + ' to ' + row.health);
    knownHealth.set(row.index, row.health);
  }
  if (changes.length > 0) document.getElementById('announcer').textContent = changes.join('; ');
}

function select(index) {
  selected = index;
  focusDetail = true;
  for (const tr of document.querySelectorAll('#services tr.service')) {
    const chosen = Number(tr.dataset.index) === index;
    tr.classList.toggle('selected', chosen);
    if (chosen) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
  }
  showDetail(index);
}

function rowOf(event) {
  if (document.body.classList.contains('public')) return null;
  const tr = event.target.closest('tr.service');
  return tr ? Number(tr.dataset.index) : null;
}

function listenToRows() {
  const body = document.querySelector('#services tbody');
  // a click anywhere on a row, or Enter/Space on its name's button (a button's own keys click it)
  body.addEventListener('click', (event) => {
    if (window.getSelection().toString() !== '' && !event.target.closest('button')) return; // selecting text
    const index = rowOf(event);
    if (index !== null) select(index);
  });
}

// A change of health shows both states; a restart, which changed none, the one the instance was in.
function renderJournal(entries, now) {
  const list = document.getElementById('journal');
  const items = entries.map((entry) => el('li', { 'data-to': entry.to, 'data-name': entry.name,
    'data-restart': entry.restart ? 'true' : null,
    'data-key': entry.at + ' ' + entry.name + ' ' + entry.address + ' ' + (entry.restart ? 'restart' : entry.to) },
    utcTime(entry.at, now), ' ', el('strong', {}, entry.name), ' ', el('span', { class: 'muted' }, entry.address),
    ' ', ...(entry.restart ? [badge(entry.to)] : [badge(entry.from), ' → ', badge(entry.to)]),
    entry.reason ? ' ' + entry.reason : ''));
  patch(list, items.length ? items : [el('li', { class: 'muted' }, 'no transitions yet')], false);
}

function renderDependencies(arrows) {
  const list = document.getElementById('dependencies');
  patch(list, arrows.map((arrow) => el('li', { 'data-from': arrow.from, 'data-to': arrow.to,
    'data-health': arrow.health, 'data-key': arrow.from + ' ' + arrow.to },
    el('strong', {}, arrow.from), ' → ', el('strong', {}, arrow.to), ' (' + arrow.kind + ') ', badge(arrow.health),
    arrow.note ? ' ' + arrow.note : '')), false);
}

function table(rows) {
  return el('table', {}, el('tbody', {}, ...rows.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value)))));
}

// Only true passed: a test the report gives as anything else (a string "false", null) did not.
function passFail(value) {
  const passed = value === true;
  return el('span', { class: passed ? 'pass' : 'fail' }, passed ? 'passed' : 'FAILED');
}

// A value as the report gave it: text as it is, anything else (an object, a list) as JSON.
function shown(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function words(key) {
  return key.replaceAll('_', ' ');
}

async function showDetail(index) {
  const section = document.getElementById('detail');
  const body = document.getElementById('detail-body');
  let response;
  let data;
  try {
    response = await fetch('/api/services/' + index + '/detailed',
      { credentials: 'same-origin', signal: AbortSignal.timeout(ANSWER_LIMIT_MS) });
    if (response.ok) data = await response.json();
  } catch (error) {
    detailUnreachable(index, unreachableReason(error));
    return;
  }
  if (!response.ok) { section.hidden = true; delete section.dataset.index; return; }
  if (selected !== index) return; // another row was chosen meanwhile
  section.classList.remove('unreachable');
  document.getElementById('detail-problem').hidden = true;
  section.dataset.index = index;
  const title = document.getElementById('detail-title');
  if (title.textContent !== data.name + ' ' + data.address) title.textContent = data.name + ' ' + data.address;
  section.hidden = false;
  // a stale or down instance's report is what it last said, not what is true now: said so, and greyed
  const dated = (data.health === 'stale' || data.health === 'down') && data.at;
  section.classList.toggle('dated', Boolean(dated));
  // while the polls since fail, before stale, it is said so as in the row, and not greyed, as the row is not
  const lastKnown = dated || (failing(data) && data.at);
  const report = data.detailed;
  if (!report) {
    patch(body, [el('p', { class: 'bad' }, data.problem || 'no report')], false);
    takeFocusOnce(section);
    return;
  }
  const parts = [el('p', { 'data-key': 'overall' }, 'Overall: ', badge(report.overall_status),
    lastKnown ? el('span', { class: 'dated-note' }, ' last known, ' + ago(data.ageSeconds) + ', ') : ' ',
    'as of ', utcTime(data.at, lastPage ? lastPage.generatedAt : Date.now()), ' (instance now ', currentBadge(data.health),
    failing(data) ? el('span', { class: 'dated-note' }, ' last known') : null, ')')];
  parts.push(el('h3', {}, 'Operation tests'), el('table', { id: 'operation-tests' }, el('tbody', {},
    ...Object.entries(report.operation_tests || {}).map(([name, value]) =>
      el('tr', { 'data-test': name }, el('th', {}, words(name)), el('td', {}, passFail(value)))))));
  parts.push(el('h3', {}, 'Database'), table(Object.entries(report.database_info || {}).map(([k, v]) => [words(k), shown(v)])));
  parts.push(el('h3', {}, 'Pool'), table(Object.entries(report.pool_status || {}).map(([k, v]) => [words(k), shown(v)])));
  const errors = Object.entries(report.errors || {});
  parts.push(el('h3', {}, 'Errors'), errors.length === 0 ? el('p', { class: 'muted' }, 'none')
    : table(errors.map(([k, v]) => [words(k), el('span', { class: 'bad' }, shown(v))])));
  patch(body, parts, false);
  takeFocusOnce(section);
}

// The report opens below the table, out of sight with a few rows and out of a screen reader's
// reading: the choice moves the focus (and the view) to it, once, so later refreshes leave the focus
// where the reader has put it. Scrolled to its start: focus alone centres a report taller than the
// window, its heading above the view.
function takeFocusOnce(section) {
  if (!focusDetail) return;
  focusDetail = false;
  section.focus({ preventScroll: true });
  section.scrollIntoView({ block: 'nearest' });
}

// While the console cannot be reached, the drill-down is its last answer: greyed and said so. Of a row chosen
// since that answer there is nothing to show but that.
function detailUnreachable(index, error) {
  if (selected !== index) return;
  const section = document.getElementById('detail');
  const problem = document.getElementById('detail-problem');
  const shown = section.dataset.index === String(index);
  if (!shown) {
    const row = lastPage.services.find((service) => service.index === index);
    document.getElementById('detail-title').textContent = row ? row.name + ' ' + row.address : '';
    patch(document.getElementById('detail-body'), [], false);
    section.classList.remove('dated');
  }
  const text = 'Cannot reach the console: ' + error.message + '.'
    + (shown ? ' The details are those of its last answer, not current.' : '');
  if (problem.textContent !== text) problem.textContent = text;
  problem.hidden = false;
  section.classList.add('unreachable');
  section.hidden = false;
  takeFocusOnce(section);
}

// A request given up at the limit says how long it waited.
function unreachableReason(error) {
  return error.name === 'TimeoutError' ? new Error('no answer within ' + seconds(ANSWER_LIMIT_MS)) : error;
}

// While the console cannot be reached, what the page shows is as of its last answer: greyed and said so.
function unreachable(error) {
  const problem = document.getElementById('console-problem');
  const since = lastPage ? ' The page shows the data as of ' + utcTime(lastPage.generatedAt, Date.now())
    + ', not current.' : '';
  const text = 'Cannot reach the console: ' + error.message + '.' + since;
  if (problem.textContent !== text) problem.textContent = text;
  problem.hidden = false;
  document.body.classList.add('unreachable');
  if (lastPage) {
    document.getElementById('clock').textContent = 'as of ' + utcTime(lastPage.generatedAt, Date.now())
      + ' (the console cannot be reached)';
  }
}

async function refresh() {
  const problem = document.getElementById('console-problem');
  let page;
  try {
    const response = await fetch('/api/status',
      { credentials: 'same-origin', signal: AbortSignal.timeout(ANSWER_LIMIT_MS) });
    if (!response.ok) throw new Error('the console answered HTTP ' + response.status);
    page = await response.json();
  } catch (error) {
    unreachable(unreachableReason(error));
    return;
  }
  problem.hidden = true;
  document.body.classList.remove('unreachable');
  lastPage = page;
  document.body.classList.toggle('public', !page.authorized);
  document.getElementById('login').hidden = !(page.accessRequired && !page.authorized);
  document.getElementById('logout').hidden = !(page.accessRequired && page.authorized);
  document.getElementById('login-failed').hidden = !location.search.includes('login=failed');
  document.getElementById('clock').textContent = 'updated ' + utcTime(page.generatedAt);
  document.getElementById('cadence').textContent = 'polled every ' + seconds(page.pollIntervalMillis)
    + '; stale after ' + seconds(page.staleAfterMillis) + ', down after ' + seconds(page.downAfterMillis) + ' without an answer';
  patch(document.querySelector('#services tbody'), page.services.map((row) => serviceRow(row, page.authorized, page.generatedAt)), true);
  announce(page.services);
  if (page.authorized) {
    renderJournal(page.journal, page.generatedAt);
    renderDependencies(page.dependencies);
    // one drill-down request at a time, not awaited: one the console leaves unanswered holds
    // the drill-down only, not the table
    if (selected !== null && !detailInFlight) {
      detailInFlight = true;
      showDetail(selected).finally(() => { detailInFlight = false; });
    }
  }
}

// the next request only once the last has been answered or given up, so that requests to a console
// that does not answer never pile up
function keepRefreshing() {
  refresh().finally(() => setTimeout(keepRefreshing, REFRESH_MS));
}

listenToRows();
keepRefreshing();
