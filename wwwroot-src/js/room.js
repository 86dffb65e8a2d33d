// The meeting page: owns the DOM and wires it to the call. No WebRTC protocol lives here.

import './copy-link.js';
import { Announcer } from './announcer.js';
import { Call } from './call.js';
import { ChatPanel } from './chat-panel.js';
import { Lobby } from './lobby.js';
import { IceServers, failureText } from './ice-servers.js';
import { LocalMedia } from './media.js';
import { PeoplePanel } from './people-panel.js';
import { showConnectionQuality } from './quality-view.js';
import { SpeakingDetector } from './speaking.js';
import { TileGrid } from './tiles.js';
import { forcedTransport, transportLabel } from './transport-choice.js';

const root = document.querySelector('[data-room]');
const $ = (selector) => root.querySelector(selector);
const $$ = (selector) => [...root.querySelectorAll(selector)];

const media = new LocalMedia();
const lobby = new Lobby(root, media);
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
const names = new Map();
let left = false;
let stopQuality = () => {};

// Controls --------------------------------------------------------------------------------------

for (const button of $$('[data-toggle="mic"]')) button.addEventListener('click', () => media.setMic(!media.micOn));
for (const button of $$('[data-toggle="cam"]')) button.addEventListener('click', () => media.setCam(!media.camOn));
// Phones and some browsers cannot share a screen: offer nothing rather than a button that fails.
$('[data-share]').hidden = !navigator.mediaDevices?.getDisplayMedia;
$('[data-share]').addEventListener('click', () => (media.screen ? media.stopScreen() : media.startScreen()));
$('[data-leave]').addEventListener('click', () => leave('You left the meeting', ''));
media.addEventListener('change', renderMedia);

function renderMedia() {
  setToggle('mic', media.micOn, media.hasMic, 'mic', 'mic_off');
  setToggle('cam', media.camOn, true, 'videocam', 'videocam_off');
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

function setToggle(kind, on, available, iconOn, iconOff) {
  for (const button of $$(`[data-toggle="${kind}"]`)) {
    button.setAttribute('aria-pressed', String(on));
    button.disabled = !available;
    button.classList.toggle('ctl--off', !on);
    button.querySelector('.icon').className = `icon icon--${on ? iconOn : iconOff}`;
  }
}

// Panels ----------------------------------------------------------------------------------------

function openPanel(name) {
  const wasOpen = $('[data-open-panel][aria-expanded="true"]');
  for (const panel of $$('[data-panel]')) panel.hidden = panel.dataset.panel !== name;
  for (const button of $$('[data-open-panel]')) button.setAttribute('aria-expanded', String(button.dataset.openPanel === name));
  root.classList.toggle('room--panel-open', Boolean(name));
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
  if (state === 'closed' && error && !left) leave('You are no longer in the meeting', error.message);
});
call.addEventListener('reset', () => {
  grid.clearOthers(null);
  people.clearOthers(null);
});
call.addEventListener('self', () => renderMedia());
call.addEventListener('participant', ({ detail }) => {
  names.set(detail.id, detail.name);
  grid.upsert(detail);
  people.upsert(detail);
});
call.addEventListener('participant-left', ({ detail: id }) => {
  speaking.unwatch(id);
  grid.remove(id);
  people.remove(id);
});
call.addEventListener('stream', ({ detail: { id, stream } }) => {
  grid.setStream(id, stream);
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

function showAlert(text) {
  const alert = $('[data-alert]');
  alert.textContent = text;
  alert.hidden = !text;
}

// Joining and leaving ---------------------------------------------------------------------------

const lobbyReady = lobby.start();

$('[data-join]').addEventListener('click', async (event) => {
  event.currentTarget.disabled = true;
  await lobbyReady;
  $('[data-lobby]').hidden = true;
  $('[data-in-call]').hidden = false;
  root.classList.add('room--in-call');
  stopQuality = showConnectionQuality(root, call, media);
  try {
    await call.join();
  } catch (error) {
    leave('Could not join the meeting', error.message);
  }
});
// Disabled in the page until now: a click before this script ran would do nothing.
$('[data-join]').disabled = false;

function leave(heading, detail) {
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
  $('[data-left]').hidden = false;
  root.classList.remove('room--in-call');
}

window.addEventListener('pagehide', () => {
  if (!left && call.self) call.leave();
});
