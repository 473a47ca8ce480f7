// The page: sessions (start, upload, pause, resume, stop, switch), the picture, the controls, sound,
// the CP/M console and the live stats. Every network call has a timeout and every failure is shown.

import { sessions, ProblemError, ownToken } from './api.js';
import { Player } from './connection.js';
import { Screen, fitCanvas } from './screen.js';
import { Sound } from './sound.js';
import { Controls } from './input.js';
import { MeshMap } from './mesh.js';
import { romMembers, base64 } from './rom.js';

const $ = (id) => document.getElementById(id);
/** One hour of frames: the UI's sessions run until stopped (or for an hour). */
const STOP_AFTER_FRAMES = 216000;
const LIST_EVERY_MS = 3000;

const screen = new Screen($('screen'));
const sound = new Sound();
const mesh = new MeshMap($('mesh'), $('mesh-legend'), $('mesh-summary'));
const fmt = new Intl.NumberFormat('en');

const state = {
  id: null,
  machine: null,
  player: null,
  status: null,
  frame: null,
};

// --- messages -------------------------------------------------------------------------------------

function showError(text) {
  $('message').textContent = text;
  $('notice').textContent = '';
}

function showNotice(text) {
  $('notice').textContent = text;
}

function clearMessages() {
  $('message').textContent = '';
  $('notice').textContent = '';
}

function setConnection(kind, text) {
  const el = $('connection');
  el.dataset.state = kind;
  el.textContent = text;
}

function problemText(e) {
  if (e instanceof ProblemError) {
    if (e.status === 0) return `Not sent: ${e.message}.`;
    return e.problem && e.problem.detail ? e.problem.detail : e.message;
  }
  return e && e.message ? e.message : String(e);
}

// --- the session shown ----------------------------------------------------------------------------

function short(id) {
  return id ? id.slice(0, 8) : '';
}

function describe() {
  return state.id ? `session ${short(state.id)} (${state.machine || 'session'})` : 'no session';
}

function watch(id, machine) {
  if (state.player) {
    state.player.stop();
  }
  state.id = id;
  state.machine = machine || null;
  state.frame = null;
  state.status = null;
  history.replaceState(null, '', id ? `#session=${encodeURIComponent(id)}` : '#');
  screen.clear();
  resetStats();
  showMachine(machine);
  updateButtons();
  renderList(lastList);
  if (!id) {
    state.player = null;
    setConnection('idle', 'No session: start the demo game or upload a ROM.');
    return;
  }
  const player = new Player(id, {
    frame: (header, vram) => {
      if (state.player !== player) return;
      if (state.machine !== 'invaders') showMachine('invaders');
      state.frame = header.frame;
      $('stat-frame').textContent = fmt.format(header.frame);
      screen.show(vram);
      sound.frame(header.sound3, header.sound5, header.edges3, header.edges5);
    },
    stats: (s) => {
      if (state.player !== player) return;
      showStats(s);
    },
    console: (text, first) => {
      if (state.player !== player) return;
      showMachine('cpm');
      const out = $('console');
      if (first) out.textContent = '';
      out.textContent += text;
      out.scrollTop = out.scrollHeight;
    },
    end: (end) => {
      if (state.player !== player) return;
      state.status = end.status || 'finished';
      $('stat-status').textContent = state.status;
      $('console-state').textContent = `(${state.status})`;
      if (end.error) showError(`The session ${state.status}: ${end.error}`);
      updateButtons();
      refreshList();
      if (state.machine === 'cpm') fillConsoleFromView(id);
    },
    problem: (p) => {
      if (state.player !== player) return;
      if (p.status >= 500) return; // the connection line says it, and the page retries
      showError(p.detail || p.title || 'the server refused');
    },
    status: (kind, text) => {
      if (state.player !== player) return;
      setConnection(kind, `${describe()}: ${text}`);
      if (kind === 'refused' || kind === 'ended') refreshList();
    },
  }, ownToken(id));
  state.player = player;
  player.sendHeld(controls.held());
  player.start();
}

/** The console as the session view has it (complete even if the stream was joined late). */
async function fillConsoleFromView(id) {
  try {
    const view = await sessions.get(id);
    if (state.id === id && typeof view.console === 'string' && view.console.length >= $('console').textContent.length) {
      $('console').textContent = view.console;
    }
  } catch {
    // the stream's text stays
  }
}

function showMachine(machine) {
  state.machine = machine || state.machine;
  const cpm = state.machine === 'cpm';
  $('console-view').hidden = !cpm;
  $('screen').hidden = cpm;
  document.querySelector('section.play').classList.toggle('cpm', cpm);
  if (!cpm) $('console-state').textContent = '';
}

function resetStats() {
  for (const k of ['mhz', 'fps', 'ips', 'mode', 'hits', 'kbps', 'frame', 'status']) {
    $(`stat-${k}`).textContent = '–';
  }
  $('console').textContent = '';
  mesh.show([]);
}

function fixed(n, digits) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '–';
}

function showStats(s) {
  $('stat-mhz').textContent = fixed(s.emulatedMHz, 3);
  $('stat-fps').textContent = fixed(s.framesPerSecond, 1);
  $('stat-ips').textContent = typeof s.instructionsPerSecond === 'number' ? fmt.format(Math.round(s.instructionsPerSecond)) : '–';
  $('stat-mode').textContent = s.mode || '–';
  const hits = Number(s.cacheHits) || 0;
  const misses = Number(s.cacheMisses) || 0;
  $('stat-hits').textContent = hits + misses > 0 ? `${((100 * hits) / (hits + misses)).toFixed(1)} %` : '–';
  if (s.status) {
    state.status = s.status;
    $('stat-status').textContent = s.status;
    $('console-state').textContent = s.machine === 'cpm' ? `(${s.status})` : '';
  }
  if (s.machine && s.machine !== state.machine) showMachine(s.machine);
  if (Array.isArray(s.warnings) && s.warnings.length) showNotice(`Warning: ${s.warnings.join('; ')}`);
  mesh.show(s.mesh);
  updateButtons();
}

setInterval(() => {
  if (state.player) {
    const bytes = state.player.takeBytes();
    $('stat-kbps').textContent = (bytes / 1024).toFixed(1);
  }
}, 1000);

function updateButtons() {
  // Only the page that created a session holds its control token: another can watch it, not change it.
  const owned = Boolean(state.id && ownToken(state.id));
  const active = owned && (state.status === 'running' || state.status === 'paused' || state.status === null);
  $('pause').disabled = !active || state.status === 'paused';
  $('resume').disabled = !active || state.status !== 'paused';
  $('stop').disabled = !owned;
}

// --- creating sessions ----------------------------------------------------------------------------

async function create(body, what) {
  clearMessages();
  showNotice(`Starting ${what}…`);
  try {
    const created = await sessions.create(body);
    showNotice(`Started ${what}: session ${short(created.id)}.`);
    watch(created.id, body.machine);
    focusView();
    refreshList();
    try {
      const view = await sessions.get(created.id);
      if (Array.isArray(view.warnings) && view.warnings.length) {
        showNotice(`Started ${what} with a warning: ${view.warnings.join('; ')}`);
      }
    } catch {
      // the stream shows it anyway
    }
    return true;
  } catch (e) {
    showError(`Could not start ${what}: ${problemText(e)}`);
    return false;
  }
}

function focusView() {
  const target = state.machine === 'cpm' ? $('console') : $('screen');
  target.focus({ preventScroll: false });
}

function invadersBody(extra) {
  return {
    machine: 'invaders', mode: $('mode').value, pace: 'realtime', stopAfterFrames: STOP_AFTER_FRAMES, ...extra,
  };
}

$('new-game').addEventListener('submit', (e) => {
  e.preventDefault();
  create(invadersBody({ rom: 'demo' }), 'the demo game');
});

async function uploadRom(files) {
  clearMessages();
  let members;
  try {
    members = await romMembers(files);
  } catch (e) {
    showError(`Not uploaded: ${e.message}`);
    return;
  }
  const names = [...files].map((f) => f.name).join(', ');
  await create(invadersBody(members), `your ROM (${names})`);
}

$('rom-file').addEventListener('change', (e) => {
  const files = e.target.files;
  if (files && files.length) uploadRom(files).finally(() => { e.target.value = ''; });
});

const drop = $('drop');
['dragenter', 'dragover'].forEach((t) => drop.addEventListener(t, (e) => {
  e.preventDefault();
  drop.classList.add('over');
}));
['dragleave', 'drop'].forEach((t) => drop.addEventListener(t, () => drop.classList.remove('over')));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  if (e.dataTransfer && e.dataTransfer.files.length) uploadRom(e.dataTransfer.files);
});
// A file dropped beside the box would make the browser leave the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

$('cpm-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = $('cpm-file').files[0];
  if (!file) {
    showError('Choose a .COM program first.');
    $('cpm-file').focus();
    return;
  }
  if (file.size > 65280) {
    showError(`${file.name} is ${file.size} bytes; a CP/M program is at most 65,280 bytes.`);
    return;
  }
  $('console').textContent = '';
  await create({ machine: 'cpm', program: await base64(file), mode: $('cpm-mode').value }, file.name);
});

// --- the session shown: pause, resume, stop -------------------------------------------------------

async function control(action) {
  const id = state.id;
  if (!id) return;
  clearMessages();
  try {
    if (action === 'stop') {
      await sessions.remove(id);
      showNotice(`Stopped session ${short(id)}.`);
      if (state.id === id) watch(null);
    } else {
      const view = await (action === 'pause' ? sessions.pause(id) : sessions.resume(id));
      state.status = view.status;
      $('stat-status').textContent = view.status;
      showNotice(`Session ${short(id)} ${view.status}.`);
    }
  } catch (e) {
    showError(`Could not ${action} session ${short(id)}: ${problemText(e)}`);
  }
  updateButtons();
  refreshList();
}

$('pause').addEventListener('click', () => control('pause'));
$('resume').addEventListener('click', () => control('resume'));
$('stop').addEventListener('click', () => control('stop'));

// --- the list -------------------------------------------------------------------------------------

let lastList = [];
let listing = false;

async function refreshList() {
  if (listing) return;
  listing = true;
  try {
    const list = await sessions.list();
    lastList = Array.isArray(list.sessions) ? list.sessions : [];
    $('sessions-state').textContent = `${list.count} of ${list.maxSessions} sessions held on the CPU service.`;
    renderList(lastList);
    if (state.id) {
      const mine = lastList.find((s) => s.id === state.id);
      if (mine && mine.status !== state.status) {
        state.status = mine.status;
        $('stat-status').textContent = mine.status;
        updateButtons();
      }
    }
  } catch (e) {
    $('sessions-state').textContent = `Sessions not listed: ${problemText(e)} (retrying)`;
  } finally {
    listing = false;
  }
}

function renderList(list) {
  const body = $('session-list');
  const rows = new Map([...body.children].map((tr) => [tr.dataset.id, tr]));
  const keep = new Set();
  list.forEach((s, i) => {
    keep.add(s.id);
    let tr = rows.get(s.id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.id = s.id;
      tr.innerHTML = '<th scope="row"><code></code></th><td></td><td></td><td></td><td class="actions"></td>';
      const watchButton = document.createElement('button');
      watchButton.type = 'button';
      watchButton.className = 'watch';
      watchButton.addEventListener('click', () => {
        clearMessages();
        watch(s.id, tr.dataset.machine);
        focusView();
      });
      const stopButton = document.createElement('button');
      stopButton.type = 'button';
      stopButton.className = 'remove';
      stopButton.textContent = 'Stop';
      stopButton.setAttribute('aria-label', `Stop session ${short(s.id)}`);
      stopButton.addEventListener('click', async () => {
        clearMessages();
        try {
          await sessions.remove(s.id);
          showNotice(`Stopped session ${short(s.id)}.`);
          if (state.id === s.id) watch(null);
        } catch (e) {
          showError(`Could not stop session ${short(s.id)}: ${problemText(e)}`);
        }
        refreshList();
      });
      tr.querySelector('.actions').append(watchButton, stopButton);
    }
    tr.dataset.machine = s.machine;
    const cells = tr.children;
    cells[0].firstChild.textContent = short(s.id);
    cells[0].firstChild.title = s.id;
    cells[1].textContent = s.machine;
    cells[2].textContent = s.mode;
    cells[3].textContent = s.status;
    const current = s.id === state.id;
    if (current) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
    const remove = tr.querySelector('.remove');
    remove.disabled = !ownToken(s.id);
    remove.title = remove.disabled ? 'Only the page that started this session can stop it' : '';
    const w = tr.querySelector('.watch');
    w.textContent = current ? 'Shown' : 'Watch';
    w.disabled = current;
    w.setAttribute('aria-label', current ? `Session ${short(s.id)} is shown` : `Watch session ${short(s.id)}`);
    if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] || null);
  });
  for (const [id, tr] of rows) {
    if (!keep.has(id)) tr.remove();
  }
}

setInterval(refreshList, LIST_EVERY_MS);

// --- picture, overlay, sound, controls ------------------------------------------------------------

const controls = new Controls((held) => {
  if (state.player) state.player.sendHeld(held);
});
controls.attach(document, [...document.querySelectorAll('[data-control]')]);

$('overlay').addEventListener('change', (e) => screen.setOverlay(e.target.checked));
screen.setOverlay($('overlay').checked);

$('sound').addEventListener('click', async () => {
  const on = $('sound').getAttribute('aria-pressed') !== 'true';
  try {
    await sound.setEnabled(on);
    $('sound').setAttribute('aria-pressed', String(on));
    $('sound').textContent = on ? 'Sound: on' : 'Sound: off';
  } catch (e) {
    showError(`No sound: ${e.message}`);
  }
});

const box = $('screen-box');
const refit = () => fitCanvas($('screen'), box, document.querySelector('.cabinet'));
window.addEventListener('resize', refit);
if (window.ResizeObserver) new ResizeObserver(refit).observe(box);
refit();

// --- start ----------------------------------------------------------------------------------------

const fromHash = /^#session=([A-Za-z0-9_-]+)$/.exec(location.hash);
refreshList().then(() => {
  if (fromHash) {
    const s = lastList.find((x) => x.id === fromHash[1]);
    watch(fromHash[1], s ? s.machine : 'invaders');
  }
});
document.body.dataset.ready = 'true';
