// A meeting as the page sees it: participants, their streams, chat and the local media, built on the
// signaling client and one Peer per remote participant. No DOM here, so the page only renders.
//
// Events (detail in brackets): `status` ({state, transport, error}), `self` (participant),
// `participant` (participant: added or changed), `participant-left` (id), `arrived` (participant: joined
// after us), `departed` (participant: left, not just gone from view), `stream` ({id, stream}),
// `peer-state` ({id, state, failed, reason}: reason {turn, relayGathered, turnError} when failed),
// `chat` (chat message; `history: true` when restated by a welcome), `reset` (everyone is gone; rebuild),
// and for the meeting controls: `waiting` ({hostPresent}: asking to join), `waiting-room` (people waiting,
// for hosts), `hands` (ids in order), `settings` ({locked, waitingRoom}), `muted` ({by}: a host turned the
// microphone off). Participants carry `role` ('host', 'cohost' or 'guest').

import { markStep } from './call-timeline.js';
import * as msg from './messages.js';
import { Peer } from './peer.js';
import { SignalingClient } from './signaling.js';
import { videoCaps } from './quality.js';

export class Call extends EventTarget {
  #signaling;
  #media;
  #ice;
  #participants = new Map();
  #self = null;
  #awaitingReturn = new Map();

  /** `media` is a LocalMedia; `ice` an IceServers; `forced` a transport kind from the URL, or null. */
  constructor({ code, media, ice, forced = null }) {
    super();
    this.#media = media;
    this.#ice = ice;
    this.#signaling = new SignalingClient(code, { forced });
    const on = (type, handler) => this.#signaling.addEventListener(type, (event) => handler(event.detail));
    on('status', (detail) => this.#emit('status', detail));
    on('reset', () => this.#reset());
    on('welcome', (welcome) => this.#welcome(welcome));
    on('joined', ({ participant }) => this.#upsert(participant, { arrived: true }));
    on('left', ({ id }) => this.#remove(id, { departed: true }));
    on('media', ({ from, mic, cam, screen }) => this.#updateMedia(from, { mic, cam, screen }));
    on('signal', ({ from, data }) => this.#peerFor(from)?.handle(data));
    on('chat', (message) => this.#emit('chat', message));
    on('waiting', ({ hostPresent }) => this.#emit('waiting', { hostPresent }));
    on('waiting-room', ({ people }) => this.#emit('waiting-room', people));
    on('hands', ({ queue }) => this.#emit('hands', queue));
    on('settings', ({ locked, waitingRoom }) => this.#emit('settings', { locked, waitingRoom }));
    on('role', ({ id, role }) => this.#setRole(id, role));
    on('muted', ({ by }) => {
      media.setMic(false); // only its owner turns it on again
      this.#emit('muted', { by });
    });
    on('error', (error) => console.warn('Signaling error', error.code, error.message));
    media.addEventListener('change', () => this.#mediaChanged());
  }

  get self() { return this.#self; }
  get participants() { return [...this.#participants.values()].map(({ participant }) => participant); }

  /** The peer connection to one participant (diagnostics, stats). */
  connectionTo(id) { return this.#participants.get(id)?.peer?.connection ?? null; }

  /** Fetches the ICE servers (fresh TURN credentials) first, then joins. */
  async join() {
    await this.#ice.fresh();
    markStep('ice-servers');
    return this.#signaling.join({ media: this.#media.state });
  }

  leave() {
    this.#signaling.leave();
    for (const id of [...this.#participants.keys()]) this.#remove(id);
  }

  /** False when the text was empty. */
  sendChat(text) {
    return this.#signaling.chat(text);
  }

  // Meeting controls: the relay refuses what one's role does not allow.
  setHand(raised, id = null) { this.#signaling.send(msg.handMessage(raised, id)); }
  admit(id) { this.#signaling.send(msg.targetedMessage('admit', id)); }
  deny(id) { this.#signaling.send(msg.targetedMessage('deny', id)); }
  admitAll() { this.#signaling.send(msg.meetingMessage('admit-all')); }
  askToMute(id) { this.#signaling.send(msg.targetedMessage('mute', id)); }
  muteAll() { this.#signaling.send(msg.meetingMessage('mute-all')); }
  remove(id) { this.#signaling.send(msg.targetedMessage('remove', id)); }
  setCoHost(id, on) { this.#signaling.send(msg.coHostMessage(id, on)); }
  setSettings(settings) { this.#signaling.send(msg.settingsMessage(settings)); }
  endForAll() { this.#signaling.send(msg.meetingMessage('end')); }

  #welcome({ you, participants, chat, restored, graceMs, meeting, hands }) {
    markStep('welcome', { self: you.id, peers: participants.length });
    this.#self = you;
    // The connections first, so that offers are on their way while the page builds the call screen (a
    // four-person call on a busy machine waited a second here); the participant events follow below.
    for (const participant of participants) {
      if (!this.#participants.has(participant.id)) this.#participants.set(participant.id, { participant, peer: null });
      this.#peerFor(participant.id);
    }
    this.#emit('self', you);
    if (meeting) this.#emit('settings', meeting);
    this.#emit('hands', hands ?? []);
    const present = new Set(participants.map((p) => p.id));
    for (const id of [...this.#participants.keys()]) {
      if (present.has(id)) continue;
      // After a server restart the others come back one by one: keep their peer connections (the media
      // never stopped) for the grace period, and give up only on those who do not return.
      if (restored) this.#awaitReturn(id, graceMs);
      else this.#remove(id);
    }
    for (const participant of participants) this.#upsert(participant);
    this.#applyCaps();
    for (const message of chat ?? []) this.#emit('chat', { ...message, history: true });
  }

  #reset() {
    for (const id of [...this.#participants.keys()]) this.#remove(id);
    this.#emit('reset', null);
  }

  #awaitReturn(id, graceMs) {
    clearTimeout(this.#awaitingReturn.get(id));
    this.#awaitingReturn.set(id, setTimeout(() => this.#remove(id), graceMs));
  }

  #upsert(participant, { arrived = false } = {}) {
    clearTimeout(this.#awaitingReturn.get(participant.id));
    this.#awaitingReturn.delete(participant.id);
    const entry = this.#participants.get(participant.id);
    if (entry) {
      entry.participant = { ...entry.participant, ...participant };
      this.#emit('participant', entry.participant);
      return;
    }
    this.#participants.set(participant.id, { participant, peer: null });
    this.#emit('participant', participant);
    if (arrived) this.#emit('arrived', participant);
    this.#peerFor(participant.id);
    this.#applyCaps();
  }

  #setRole(id, role) {
    if (id === this.#self?.id) {
      this.#self = { ...this.#self, role };
      this.#emit('self', this.#self);
      return;
    }
    const entry = this.#participants.get(id);
    if (!entry) return;
    entry.participant = { ...entry.participant, role };
    this.#emit('participant', entry.participant);
  }

  #updateMedia(id, media) {
    const entry = this.#participants.get(id);
    if (!entry) return;
    entry.participant = { ...entry.participant, media };
    this.#emit('participant', entry.participant);
  }

  /** The Peer for `id`, created on first need (an offer can overtake the `joined` announcing it). */
  #peerFor(id) {
    if (!this.#self || id === this.#self.id) return null;
    let entry = this.#participants.get(id);
    if (!entry) {
      entry = { participant: { id, name: '', media: { mic: false, cam: false, screen: false } }, peer: null };
      this.#participants.set(id, entry);
      this.#emit('participant', entry.participant);
    }
    if (entry.peer) return entry.peer;
    const peer = new Peer({
      selfId: this.#self.id,
      remoteId: id,
      iceServers: this.#ice.current,
      refreshIceServers: () => this.#ice.fresh(),
      send: (data) => this.#signaling.signal(id, data),
      tracks: this.#media.outgoing,
    });
    peer.addEventListener('stream', (event) => this.#emit('stream', { id, stream: event.detail }));
    peer.addEventListener('state', (event) => this.#emit('peer-state', { id, state: event.detail, failed: false }));
    peer.addEventListener('failed', ({ detail }) =>
      this.#emit('peer-state', { id, state: 'failed', failed: true, reason: { turn: this.#ice.hasTurn, ...detail } }));
    entry.peer = peer;
    return peer;
  }

  #remove(id, { departed = false } = {}) {
    clearTimeout(this.#awaitingReturn.get(id));
    this.#awaitingReturn.delete(id);
    const entry = this.#participants.get(id);
    if (!entry) return;
    entry.peer?.close();
    this.#participants.delete(id);
    this.#emit('participant-left', id);
    if (departed) this.#emit('departed', entry.participant);
    this.#applyCaps();
  }

  #mediaChanged() {
    const tracks = this.#media.outgoing;
    for (const { peer } of this.#participants.values()) peer?.setTracks(tracks);
    this.#applyCaps();
    if (this.#self) this.#signaling.setMedia(this.#media.state);
  }

  #applyCaps() {
    const caps = videoCaps(this.#participants.size, { screen: Boolean(this.#media.screen) });
    for (const { peer } of this.#participants.values()) peer?.setVideoCaps(caps);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
