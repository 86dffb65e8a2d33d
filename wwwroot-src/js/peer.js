// One RTCPeerConnection to one remote participant, with MDN's "perfect negotiation": the same code on
// both sides, and a rule both sides know (compare participant ids) for who yields when offers collide.
//
// The impolite side (the smaller id) creates the one audio and one video transceiver; the polite side
// sends on the transceivers the offer brings. Later changes (mute, camera off, screen share) only swap
// tracks, so they need no renegotiation; ICE restarts still go through the same glare-safe path.
//
// Events: `stream` (detail: the remote MediaStream), `state` (detail: connectionState), `failed` (ICE
// failed; detail {relayGathered, turnError, restarting}: whether a TURN relay candidate was gathered, the
// last TURN error, and whether an ICE restart follows).

import { markPeerStep, markStep } from './call-timeline.js';

const MAX_ICE_RESTARTS = 2;

export const isPolite = (selfId, remoteId) => selfId > remoteId;

export class Peer extends EventTarget {
  #pc;
  #send;
  #polite;
  #makingOffer = false;
  #ignoreOffer = false;
  #pendingCandidates = [];
  #work = Promise.resolve();
  #tracks;
  #audio = null;
  #video = null;
  #caps = null;
  #restarts = 0;
  #refreshIceServers;
  #relayGathered = false;
  #turnError = null;
  remoteStream = new MediaStream();

  /**
   * `send(data)` delivers signaling data to the remote peer; `tracks` is `{audio, video}` (either may be null);
   * `refreshIceServers()` resolves to the servers to use for an ICE restart (TURN credentials expire).
   */
  constructor({ selfId, remoteId, iceServers = [], refreshIceServers = async () => iceServers, send, tracks = {} }) {
    super();
    this.remoteId = remoteId;
    this.#send = send;
    this.#polite = isPolite(selfId, remoteId);
    markStep('peer-created', { peer: remoteId, polite: this.#polite });
    this.#tracks = { audio: tracks.audio ?? null, video: tracks.video ?? null };
    this.#refreshIceServers = refreshIceServers;
    this.#pc = new RTCPeerConnection({ iceServers });
    this.#pc.onnegotiationneeded = () => this.#offer();
    this.#pc.onicecandidate = ({ candidate }) => {
      if (candidate?.type === 'relay') this.#relayGathered = true;
      if (!candidate) markPeerStep('ice-gathered', remoteId);
      this.#send({ candidate: candidate ? candidate.toJSON() : null });
    };
    // Kept to explain a failure: e.g. 401 when the TURN server refuses the credentials.
    this.#pc.onicecandidateerror = ({ url, errorCode, errorText }) => {
      if (/^turns?:/i.test(url ?? '')) this.#turnError = { code: errorCode, text: errorText ?? '' };
    };
    this.#pc.ontrack = ({ track }) => this.#addRemoteTrack(track);
    this.#pc.onconnectionstatechange = () => this.#stateChanged();
    this.#pc.oniceconnectionstatechange = () => {
      if (this.#pc.iceConnectionState === 'connected') markPeerStep('ice-connected', remoteId);
    };
    if (!this.#polite) {
      this.#audio = this.#pc.addTransceiver(this.#tracks.audio ?? 'audio', { direction: 'sendrecv' });
      this.#video = this.#pc.addTransceiver(this.#tracks.video ?? 'video', { direction: 'sendrecv' });
    }
  }

  /** The connection, for diagnostics and stats; the page never drives it directly. */
  get connection() { return this.#pc; }
  get polite() { return this.#polite; }

  /** Handles `{description}` or `{candidate}` from the remote peer, one at a time, in arrival order. */
  handle(data) {
    this.#work = this.#work.then(() => this.#handle(data)).catch((error) => console.warn('Signaling with peer failed', error));
    return this.#work;
  }

  /** Swaps the outgoing tracks (null stops sending that kind) without renegotiating. */
  async setTracks({ audio = null, video = null }) {
    this.#tracks = { audio, video };
    await Promise.all([this.#audio?.sender.replaceTrack(audio), this.#video?.sender.replaceTrack(video)]);
  }

  /**
   * Caps the outgoing video (see quality.js): at once while connected, else kept for when it connects (no
   * video flows before). Reading and setting a sender's parameters waits on the browser's WebRTC thread,
   * which during set-up is busy with the offers.
   */
  async setVideoCaps(caps) {
    this.#caps = caps;
    if (this.#pc.connectionState !== 'connected') return;
    const sender = this.#video?.sender;
    if (!sender) return;
    const params = sender.getParameters();
    if (!params.encodings?.length) return;
    Object.assign(params.encodings[0], caps);
    await sender.setParameters(params).catch((error) => console.warn('Could not cap video', error));
  }

  close() {
    this.#pc.onnegotiationneeded = this.#pc.onicecandidate = this.#pc.onicecandidateerror = null;
    this.#pc.ontrack = this.#pc.onconnectionstatechange = this.#pc.oniceconnectionstatechange = null;
    this.#pc.close();
  }

  async #offer() {
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      this.#send({ description: this.#pc.localDescription.toJSON() });
      markPeerStep(`${this.#pc.localDescription.type}-sent`, this.remoteId);
    } catch (error) {
      console.warn('Could not make an offer', error);
    } finally {
      this.#makingOffer = false;
    }
  }

  async #handle({ description, candidate }) {
    const pc = this.#pc;
    if (description) {
      markPeerStep(`${description.type}-received`, this.remoteId);
      const collision = description.type === 'offer' && (this.#makingOffer || pc.signalingState !== 'stable');
      this.#ignoreOffer = !this.#polite && collision;
      if (collision) markPeerStep(this.#ignoreOffer ? 'offer-ignored' : 'offer-rolled-back', this.remoteId);
      if (this.#ignoreOffer) return;
      await pc.setRemoteDescription(description); // a polite peer rolls back its own offer implicitly
      if (description.type === 'offer') {
        await this.#adoptOfferedTransceivers();
        await pc.setLocalDescription();
        this.#send({ description: pc.localDescription.toJSON() });
        markPeerStep('answer-sent', this.remoteId);
      }
      for (const queued of this.#pendingCandidates.splice(0)) await this.#addCandidate(queued);
    } else if (candidate !== undefined) {
      if (!pc.remoteDescription) this.#pendingCandidates.push(candidate);
      else await this.#addCandidate(candidate);
    }
  }

  async #addCandidate(candidate) {
    try {
      await this.#pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      if (!this.#ignoreOffer) console.warn('Could not add an ICE candidate', error);
    }
  }

  /** On the polite side: send our tracks on the transceivers the impolite side's offer created. */
  async #adoptOfferedTransceivers() {
    if (this.#audio && this.#video) return;
    for (const transceiver of this.#pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      if (kind === 'audio' && !this.#audio) this.#audio = transceiver;
      else if (kind === 'video' && !this.#video) this.#video = transceiver;
      else continue;
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(this.#tracks[kind]);
    }
  }

  #addRemoteTrack(track) {
    markPeerStep(`${track.kind}-track`, this.remoteId);
    for (const old of this.remoteStream.getTracks()) {
      if (old.kind === track.kind && old !== track) this.remoteStream.removeTrack(old);
    }
    if (!this.remoteStream.getTracks().includes(track)) this.remoteStream.addTrack(track);
    this.#emit('stream', this.remoteStream);
  }

  #stateChanged() {
    const state = this.#pc.connectionState;
    if (state === 'connected') markPeerStep('connected', this.remoteId);
    this.#emit('state', state);
    if (state === 'connected') {
      this.#restarts = 0;
      if (this.#caps) this.setVideoCaps(this.#caps);
    } else if (state === 'failed') {
      // Tell the person at once (not only after the restarts), while the restarts still try.
      const restarting = this.#restarts < MAX_ICE_RESTARTS;
      this.#emit('failed', { relayGathered: this.#relayGathered, turnError: this.#turnError, restarting });
      if (restarting) this.#restart();
    }
  }

  async #restart() {
    this.#restarts += 1;
    try {
      const iceServers = await this.#refreshIceServers();
      this.#pc.setConfiguration({ ...this.#pc.getConfiguration(), iceServers });
    } catch (error) {
      console.warn('Could not refresh the ICE servers; restarting with the old ones', error);
    }
    if (this.#pc.signalingState === 'closed') return;
    this.#relayGathered = false;
    this.#turnError = null;
    this.#pc.restartIce();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
