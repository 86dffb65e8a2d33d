// The local participant's media: microphone, camera, screen share and device choice. Turning the
// camera off stops its track (the camera light goes off); the microphone is only disabled, so that
// unmuting is instant.
//
// Event: `change` whenever a track or an on/off state changes.

const CAMERA = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

export class LocalMedia extends EventTarget {
  mic = null;
  camera = null;
  screen = null;
  micOn = false;
  camOn = false;
  micId = '';
  cameraId = '';
  /** Why a device could not be opened, in words, or ''. */
  problem = '';

  /** Asks for microphone and camera; whatever is missing or refused is simply left out. */
  async start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: this.#audioConstraints(), video: this.#videoConstraints() });
      this.#adopt(stream);
    } catch {
      // One may work without the other (no camera, or only the microphone allowed).
      await Promise.all([this.#open('audio'), this.#open('video')]);
    }
    this.micOn = Boolean(this.mic);
    this.camOn = Boolean(this.camera);
    this.problem = this.mic || this.camera ? '' : 'No camera or microphone is available. You can still join to watch and chat.';
    this.#changed();
  }

  get hasMic() { return Boolean(this.mic); }

  /** The tracks to send: the screen replaces the camera while it is shared. */
  get outgoing() {
    return { audio: this.mic, video: this.screen ?? (this.camOn ? this.camera : null) };
  }

  /** What the others are told (the protocol's media state). */
  get state() {
    return { mic: this.micOn && this.hasMic, cam: this.camOn && Boolean(this.camera), screen: Boolean(this.screen) };
  }

  setMic(on) {
    if (!this.mic) return;
    this.micOn = on;
    this.mic.enabled = on;
    this.#changed();
  }

  async setCam(on) {
    if (on === this.camOn) return;
    if (!on) {
      this.camera?.stop();
      this.camera = null;
      this.camOn = false;
    } else {
      await this.#open('video');
      this.camOn = Boolean(this.camera);
    }
    this.#changed();
  }

  async selectCamera(deviceId) {
    this.cameraId = deviceId;
    if (!this.camOn) return;
    this.camera?.stop();
    this.camera = null;
    await this.#open('video');
    this.#changed();
  }

  async selectMicrophone(deviceId) {
    this.micId = deviceId;
    this.mic?.stop();
    this.mic = null;
    await this.#open('audio');
    if (this.mic) this.mic.enabled = this.micOn;
    this.#changed();
  }

  /** Shares a screen or window; resolves false when the person cancels the browser's picker. */
  async startScreen() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    } catch {
      return false;
    }
    this.screen = stream.getVideoTracks()[0];
    this.screen.contentHint = 'detail';
    // The browser's own "Stop sharing" button ends the track without going through this page.
    this.screen.addEventListener('ended', () => this.stopScreen());
    this.#changed();
    return true;
  }

  stopScreen() {
    if (!this.screen) return;
    this.screen.stop();
    this.screen = null;
    this.#changed();
  }

  /** Cameras and microphones, labelled once permission was given. */
  static async devices() {
    const all = await navigator.mediaDevices.enumerateDevices();
    const named = (kind, fallback) => all.filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({ id: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
    return { cameras: named('videoinput', 'Camera'), microphones: named('audioinput', 'Microphone') };
  }

  stopAll() {
    for (const track of [this.mic, this.camera, this.screen]) track?.stop();
    this.mic = this.camera = this.screen = null;
    this.micOn = this.camOn = false;
  }

  async #open(kind) {
    try {
      const constraints = kind === 'audio' ? { audio: this.#audioConstraints() } : { video: this.#videoConstraints() };
      this.#adopt(await navigator.mediaDevices.getUserMedia(constraints));
    } catch (error) {
      console.info(`No ${kind === 'audio' ? 'microphone' : 'camera'}:`, error.name);
    }
  }

  #adopt(stream) {
    for (const track of stream.getTracks()) {
      if (track.kind === 'audio') {
        this.mic = track;
        this.micId = track.getSettings().deviceId ?? this.micId;
      } else {
        this.camera = track;
        this.cameraId = track.getSettings().deviceId ?? this.cameraId;
      }
    }
  }

  #audioConstraints() {
    const base = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    return this.micId ? { ...base, deviceId: { exact: this.micId } } : base;
  }

  #videoConstraints() {
    return this.cameraId ? { ...CAMERA, deviceId: { exact: this.cameraId } } : CAMERA;
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
