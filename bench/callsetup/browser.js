// Headless Chromium as the test harness launches it (see /work/shared/WEBRTC-TESTING.md): fake camera
// and microphone, loopback ICE, and the harness's loopback-only ICE shim loaded by path.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox', '--disable-gpu',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
];

/**
 * `camera`: null for Chromium's own fake camera (it serves what the page asks for, 1280x720 at 30 fps),
 * or `{width, height}` for a fake camera of that size only (a looping Y4M file, see fakeCameraFile).
 */
export function launchChromium({ camera = null } = {}) {
  const args = camera ? [...ARGS, `--use-file-for-fake-video-capture=${fakeCameraFile(camera)}`] : ARGS;
  return chromium.launch({ executablePath: process.env.MEETSITE_CHROMIUM ?? '/usr/bin/chromium', args, headless: true });
}

/**
 * Writes a one-second Y4M clip (30 frames of 4:2:0) of a bright bar moving over grey, which Chromium's
 * fake camera loops; returns its path. Every frame differs, so the encoders have work as with a camera.
 */
export function fakeCameraFile({ width, height }) {
  const frames = 30;
  const luma = width * height;
  const chunks = [Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) {
    const frame = Buffer.alloc(luma * 1.5, 128);
    const bar = Math.floor((f * width) / frames);
    for (let y = 0; y < height; y++) frame.fill(235, y * width + bar, y * width + Math.min(width, bar + width / 8));
    chunks.push(Buffer.from('FRAME\n'), frame);
  }
  const path = join(tmpdir(), `meetsite-fake-camera-${width}x${height}.y4m`);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** A participant's own context: its cookies, camera and microphone granted, the ICE shim (`contextOptions` go to newContext). */
export async function newParticipantContext(browser, origin, cookieHeader, shimPath, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  await context.grantPermissions(['camera', 'microphone'], { origin });
  await context.addInitScript({ path: shimPath });
  const { hostname } = new URL(origin);
  await context.addCookies(cookieHeader.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: hostname, path: '/' };
  }));
  return context;
}
