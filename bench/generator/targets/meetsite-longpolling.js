// A MeetSite participant over long-polling (docs/signaling.md): POST join opens a session, GET polls
// (acknowledging the last seq) and is re-issued at once. Sends go as the page sends them, with the
// page's own batching (wwwroot-src/js/send-batch.js): one send POST in flight, and everything that
// queued meanwhile in the next one. Like a browser, it keeps the cookies responses renew (sliding
// expiration, the periodic security-stamp check).
import { Agent, request } from 'undici';
import { Participant } from '../participant.js';
import { handleMeetSiteMessage } from './meetsite-messages.js';
import { takeBatch } from '../../../wwwroot-src/js/send-batch.js';

const agent = new Agent({ keepAliveTimeout: 60_000, connections: null, pipelining: 1 });

export function connectMeetSiteLongPolling({ origin, room, jar }) {
  const participant = new Participant();
  const base = `${origin}/signal/lp/${room}`;
  const headers = () => ({ cookie: jar.header(), origin, 'content-type': 'application/json' });
  const call = async (url, options) => {
    const res = await request(url, { headers: headers(), dispatcher: agent, ...options });
    jar.take(res.headers['set-cookie']);
    return res;
  };
  let session = null;
  let lastSeq = 0;
  let closed = false;
  let sending = false;
  const waiting = [];

  function receive(message) {
    lastSeq = Math.max(lastSeq, message.seq);
    handleMeetSiteMessage(participant, message);
  }

  async function pollLoop() {
    while (!closed) {
      try {
        const res = await call(`${base}?session=${session}&ack=${lastSeq}`, { headersTimeout: 60_000, bodyTimeout: 60_000 });
        const text = await res.body.text();
        if (res.statusCode === 204) break;
        if (res.statusCode !== 200) { participant.errors++; break; }
        if (text.length > 0) for (const message of JSON.parse(text)) receive(message);
      } catch {
        if (!closed) participant.errors++;
        break;
      }
    }
    participant.onClosed();
  }

  async function sendLoop() {
    sending = true;
    while (waiting.length > 0 && !closed) {
      try {
        const res = await call(`${base}?session=${session}`, { method: 'POST', body: takeBatch(waiting) });
        if (res.statusCode === 202) {
          await res.body.dump();
        } else {
          participant.errors++;
          // 204 (session closed) has no body; 400 and 429 carry the refusal's error message.
          participant.onError(await res.body.json().catch(() => ({ code: `http-${res.statusCode}` })));
        }
      } catch {
        participant.errors++;
      }
    }
    sending = false;
  }

  participant.sendRaw = (text) => {
    waiting.push(text);
    if (!sending) sendLoop();
  };
  participant.send = (to, data) => participant.sendRaw(JSON.stringify({ type: 'signal', to, data }));
  participant.close = async () => {
    closed = true;
    if (session === null) return;
    const res = await call(`${base}?session=${session}`, { method: 'DELETE' }).catch(() => null);
    await res?.body.dump();
  };
  participant.opened = (async () => {
    const res = await call(base, { method: 'POST', body: '{"type":"join"}' });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`long-poll join refused: ${res.statusCode} ${text}`);
    session = JSON.parse(text).session;
    pollLoop();
  })();
  return participant;
}
