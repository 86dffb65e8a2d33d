// The screen before joining: a preview of one's own camera, the microphone and camera toggles, and
// the device pickers.

import { LocalMedia } from './media.js';

export class Lobby {
  #root;
  #media;
  #video;

  constructor(root, media) {
    this.#root = root;
    this.#media = media;
    this.#video = root.querySelector('[data-preview-video]');
    media.addEventListener('change', () => this.#render());
    for (const select of root.querySelectorAll('[data-device]')) {
      select.addEventListener('change', () => {
        if (select.dataset.device === 'camera') media.selectCamera(select.value);
        else media.selectMicrophone(select.value);
      });
    }
  }

  async start() {
    await this.#media.start();
    await this.#fillPickers();
    navigator.mediaDevices.addEventListener?.('devicechange', () => this.#fillPickers());
  }

  #render() {
    const { camera, camOn, problem } = this.#media;
    const stream = camOn && camera ? new MediaStream([camera]) : null;
    if (this.#video.srcObject?.getVideoTracks()[0] !== stream?.getVideoTracks()[0]) this.#video.srcObject = stream;
    this.#root.querySelector('[data-preview-off]').hidden = Boolean(stream);
    const note = this.#root.querySelector('[data-media-problem]');
    note.textContent = problem;
    note.hidden = !problem;
  }

  async #fillPickers() {
    const { cameras, microphones } = await LocalMedia.devices();
    this.#fill('camera', cameras, this.#media.cameraId);
    this.#fill('microphone', microphones, this.#media.micId);
  }

  #fill(kind, devices, selectedId) {
    const select = this.#root.querySelector(`[data-device="${kind}"]`);
    select.replaceChildren(...devices.map(({ id, label }) => new Option(label, id, false, id === selectedId)));
    if (devices.length === 0) select.append(new Option(kind === 'camera' ? 'No camera found' : 'No microphone found', ''));
    select.disabled = devices.length === 0;
  }
}
