// The meeting page's entry. The lobby (camera preview, device pickers, the microphone and camera
// toggles, "Join now") needs a few kilobytes and comes up first; the call's code (room.js and what it
// imports, most of the page's script) loads meanwhile, every module at once, so that a slow link does
// not hold "Join now" back for code that only runs after the click.

import { markStep } from './call-timeline.js';
import './copy-link.js';
import { Lobby } from './lobby.js';
import { media } from './page-media.js';

const root = document.querySelector('[data-room]');
const joinButton = root.querySelector('[data-join]');
const lobbyReady = new Lobby(root, media).start();
const room = loadRoom();

// The toggles on the preview and in the call's control bar are the same pair.
for (const button of root.querySelectorAll('[data-toggle="mic"]')) button.addEventListener('click', () => media.setMic(!media.micOn));
for (const button of root.querySelectorAll('[data-toggle="cam"]')) button.addEventListener('click', () => media.setCam(!media.camOn));
media.addEventListener('change', renderToggles);

function renderToggles() {
  setToggle('mic', media.micOn, media.hasMic, 'mic', 'mic_off');
  setToggle('cam', media.camOn, true, 'videocam', 'videocam_off');
}

function setToggle(kind, on, available, iconOn, iconOff) {
  for (const button of root.querySelectorAll(`[data-toggle="${kind}"]`)) {
    button.setAttribute('aria-pressed', String(on));
    button.disabled = !available;
    button.classList.toggle('ctl--off', !on);
    button.querySelector('.icon').className = `icon icon--${on ? iconOn : iconOff}`;
  }
}

joinButton.addEventListener('click', async () => {
  markStep('join-clicked');
  joinButton.disabled = true;
  let join;
  try {
    [{ join }] = await Promise.all([room, lobbyReady]);
    markStep('room-ready');
  } catch {
    const note = root.querySelector('[data-media-problem]');
    note.textContent = 'The meeting could not load. Check your connection, then reload the page.';
    note.hidden = false;
    return;
  }
  await join();
});
// Rendered disabled: a click before this script ran would do nothing (a slow phone, a quick keyboard).
joinButton.disabled = false;

/**
 * Imports room.js. The server lists the modules of its tree that this entry has not loaded already
 * (`<meta name="modules-later">`, from ModuleGraph): preloading them side by side costs one round trip
 * instead of one per level of imports.
 */
function loadRoom() {
  const later = document.querySelector('meta[name="modules-later"]')?.content.split(' ').filter(Boolean) ?? [];
  for (const href of later) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
  return import('./room.js');
}
