// Headless Chromium as the test harness launches it (see /work/shared/WEBRTC-TESTING.md): fake camera
// and microphone, loopback ICE, and the harness's loopback-only ICE shim loaded by path.
import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox', '--disable-gpu',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.MEETSITE_CHROMIUM ?? '/usr/bin/chromium', args: ARGS, headless: true });
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
