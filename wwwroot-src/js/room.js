// The meeting page once the lobby is up (meeting.js loads this): owns the call's DOM and wires it to the
// call. No WebRTC protocol lives here.

import { Announcer } from './announcer.js';
import { Call } from './call.js';
import { markFirstFrame } from './call-timeline.js';
import { ChatPanel } from './chat-panel.js';
import { IceServers, failureText } from './ice-servers.js';
import { media } from './page-media.js';
import { PeoplePanel } from './people-panel.js';
import { showConnectionQuality } from './quality-view.js';
import { SpeakingDetector } from './speaking.js';
import { TileGrid } from './tiles.js';
import { forcedTransport, transportLabel } from './transport-choice.js';
import { HostControls } from './host-controls.js';
import { farewell } from './farewell.js';

const root = document.querySelector('[data-room]');
const $ = (selector) => root.querySelector(selector);
const $$ = (selector) => [...root.querySelectorAll(selector)];

const call = new Call({
  code: root.dataset.meetingCode,
  media,
  ice: new IceServers(),
  forced: forcedTransport(location.search),
});
const grid = new TileGrid($('[data-grid]'), document.querySelector('[data-tile-template]'));
const chat = new ChatPanel(root, (text) => call.sendChat(text));
const people = new PeoplePanel(root);
const speaking = new SpeakingDetector((id, on) => grid.setSpeaking(id, on));
const announcer = new Announcer(root);
const hostControls = new HostControls(root, call);
const names = new Map();
let left = false;
let inCall = false;
let hands = [];
let waiting = [];
let stopQuality = () => {};

// Controls --------------------------------------------------------------------------------------

// Phones and some browsers cannot share a screen: offer nothing rather than a button that fails.
$('[data-share]').hidden = !navigator.mediaDevices?.getDisplayMedia;
$('[data-share]').addEventListener('click', () => (media.screen ? media.stopScreen() : media.startScreen()));
$('[data-leave]').addEventListener('click', () => leave('You left the meeting', ''));
$('[data-hand]').addEventListener('click', () => call.setHand(!hands.includes(call.self?.id)));
media.addEventListener('change', renderMedia);

// The microphone and camera toggles are meeting.js's; here the share button and one's own tile.
function renderMedia() {
  const share = $('[data-share]');
  share.setAttribute('aria-pressed', String(Boolean(media.screen)));
  share.querySelector('.icon').className = `icon icon--${media.screen ? 'cancel_presentation' : 'present_to_all'}`;
  const self = call.self;
  if (!self) return;
  grid.upsert({ ...self, media: media.state }, { self: true });
  people.upsert({ ...self, media: media.state }, { self: true });
  const video = media.outgoing.video;
  grid.setStream(self.id, new MediaStream(video ? [video] : []));
  $('[data-grid]').classList.toggle('grid--self-mirrored', Boolean(video) && !media.screen);
  if (media.mic) speaking.watch(self.id, new MediaStream([media.mic]));
}

// Panels ----------------------------------------------------------------------------------------

function openPanel(name) {
  const wasOpen = $('[data-open-panel][aria-expanded="true"]');
  for (const panel of $$('[data-panel]')) panel.hidden = panel.dataset.panel !== name;
  for (const button of $$('[data-open-panel]')) button.setAttribute('aria-expanded', String(button.dataset.openPanel === name));
  root.classList.toggle('room--panel-open', Boolean(name));
  root.classList.toggle('room--people-open', name === 'people');
  hostControls.setWaiting(waiting); // the card steps aside while the People panel lists the same people
  if (name === 'chat') {
    $('[data-unread]').hidden = true;
    chat.focus();
  } else if (!name) {
    wasOpen?.focus(); // keyboard users land back on the button that opened the panel
  }
}

for (const button of $$('[data-open-panel]')) {
  button.addEventListener('click', () => openPanel(button.getAttribute('aria-expanded') === 'true' ? null : button.dataset.openPanel));
}
for (const button of $$('[data-close-panel]')) button.addEventListener('click', () => openPanel(null));
root.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && root.classList.contains('room--panel-open')) openPanel(null);
});
chat.onunread = () => {
  if ($('#chat-panel').hidden) $('[data-unread]').hidden = false;
};

// The call --------------------------------------------------------------------------------------

const STATUS = { connecting: 'Connecting…', reconnecting: 'Reconnecting…', closed: 'Disconnected' };

call.addEventListener('status', ({ detail: { state, transport, error } }) => {
  $('[data-connection]').textContent = state === 'connected' ? `Connected (${transportLabel(transport)})` : STATUS[state] ?? '';
  root.classList.toggle('room--reconnecting', state === 'reconnecting');
  if (state === 'closed' && error && !left) {
    const { heading, detail, rejoin } = farewell(error, inCall);
    leave(heading, detail, rejoin);
  }
});
call.addEventListener('reset', () => {
  grid.clearOthers(null);
  people.clearOthers(null);
});
call.addEventListener('self', ({ detail }) => {
  enterCall();
  names.set(detail.id, detail.name);
  hostControls.setRole(detail.role);
  people.setViewer({ role: detail.role });
  people.setWaiting(hostControls.canModerate ? waiting : []);
  renderMedia();
});
call.addEventListener('participant', ({ detail }) => {
  names.set(detail.id, detail.name);
  grid.upsert(detail);
  people.upsert(detail);
  grid.setHand(detail.id, hands.includes(detail.id));
});
call.addEventListener('participant-left', ({ detail: id }) => {
  speaking.unwatch(id);
  grid.remove(id);
  people.remove(id);
});
call.addEventListener('stream', ({ detail: { id, stream } }) => {
  grid.setStream(id, stream);
  markFirstFrame(id, grid.videoOf(id));
  if (stream.getAudioTracks().length) speaking.watch(id, stream);
});
call.addEventListener('peer-state', ({ detail: { id, state, failed, reason } }) => {
  if (failed) {
    grid.setProblem(id, true);
    showAlert(failureText(names.get(id), reason));
  } else if (state === 'connected') {
    grid.setProblem(id, false);
    showAlert('');
  }
});
call.addEventListener('arrived', ({ detail }) => announcer.joined(detail.name));
call.addEventListener('departed', ({ detail }) => announcer.left(detail.name));
call.addEventListener('chat', ({ detail }) => {
  const mine = detail.from === call.self?.id;
  // Read out only what is new and not on screen: the open chat's log is a live region of its own.
  if (chat.add(detail, { mine }) && !mine && !detail.history && $('#chat-panel').hidden) announcer.message(detail);
});

// Meeting controls ------------------------------------------------------------------------------

people.onaction = (action, id) => {
  const act = {
    admit: () => call.admit(id),
    deny: () => call.deny(id),
    'admit-all': () => call.admitAll(),
    mute: () => call.askToMute(id),
    remove: () => call.remove(id),
    'cohost-on': () => call.setCoHost(id, true),
    'cohost-off': () => call.setCoHost(id, false),
    'lower-hand': () => call.setHand(false, id === call.self?.id ? null : id),
  }[action];
  act?.();
};
hostControls.onviewall = () => openPanel('people');

call.addEventListener('waiting', ({ detail: { hostPresent } }) => {
  $('[data-join]').hidden = true;
  $('[data-asking]').hidden = false;
  $('[data-asking-detail]').textContent = hostPresent
    ? "You'll join when a host lets you in."
    : 'No host is here yet. You can join once a host arrives and lets you in.';
});
call.addEventListener('waiting-room', ({ detail }) => {
  const known = new Set(waiting.map((person) => person.id));
  const arrived = detail.filter((person) => !known.has(person.id));
  waiting = detail;
  hostControls.setWaiting(waiting);
  people.setWaiting(hostControls.canModerate ? waiting : []);
  if (arrived.length) announce(arrived.map((person) => `${person.name} is asking to join.`).join(' '));
});
call.addEventListener('hands', ({ detail: queue }) => {
  const before = hands;
  hands = queue;
  const selfId = call.self?.id;
  const raised = hands.includes(selfId);
  $('[data-hand]').setAttribute('aria-pressed', String(raised));
  for (const id of new Set([...before, ...hands])) grid.setHand(id, hands.includes(id));
  people.setHands(hands);
  const said = [];
  for (const id of hands) if (!before.includes(id)) said.push(id === selfId ? 'You raised your hand.' : `${names.get(id) ?? 'Someone'} raised their hand.`);
  for (const id of before) if (!hands.includes(id) && names.has(id)) said.push(id === selfId ? 'Your hand was lowered.' : `${names.get(id)} lowered their hand.`);
  if (said.length) announce(said.join(' '));
});
call.addEventListener('settings', ({ detail }) => hostControls.setSettings(detail));
call.addEventListener('muted', ({ detail: { by } }) => notify(`${by} asked you to mute. Only you can turn your microphone back on.`));

/** Says something to screen readers without moving focus. */
function announce(text) {
  const region = $('[data-announce]');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50); // a fresh change, so a repeat is read again
}

let notifyTimer = 0;
function notify(text) {
  const toast = $('[data-copy-status]');
  toast.textContent = text;
  clearTimeout(notifyTimer);
  notifyTimer = setTimeout(() => { toast.textContent = ''; }, 8000);
}

function showAlert(text) {
  const alert = $('[data-alert]');
  alert.textContent = text;
  alert.hidden = !text;
}

// Joining and leaving ---------------------------------------------------------------------------

/** "Join now" (meeting.js calls this once the lobby has its media). */
export async function join() {
  try {
    // The call screen comes with the welcome; someone asking to join stays in the lobby until admitted.
    await call.join();
  } catch (error) {
    leave('Could not join the meeting', error.message);
  }
}

function enterCall() {
  if (inCall || left) return;
  inCall = true;
  $('[data-lobby]').hidden = true;
  $('[data-in-call]').hidden = false;
  root.classList.add('room--in-call');
  stopQuality = showConnectionQuality(root, call, media);
}

/** `rejoin`: the text of the link back to the meeting's lobby, or null for none (removed, ended). */
function leave(heading, detail, rejoin = 'Rejoin') {
  if (left) return;
  left = true;
  call.leave();
  stopQuality();
  announcer.clear();
  media.stopAll();
  speaking.close();
  $('[data-in-call]').hidden = true;
  $('[data-lobby]').hidden = true;
  $('[data-left-heading]').textContent = heading;
  $('[data-left-detail]').textContent = detail;
  $('[data-rejoin]').hidden = !rejoin;
  $('[data-rejoin]').textContent = rejoin ?? '';
  $('[data-left]').hidden = false;
  root.classList.remove('room--in-call');
  $('[data-left-heading]').focus();
}

window.addEventListener('pagehide', () => {
  if (!left && call.self) call.leave();
});
