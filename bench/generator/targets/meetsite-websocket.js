// A MeetSite participant over the relay's WebSocket (docs/signaling.md): open /signal/ws/{code} with
// the account cookie and the site's Origin, send join, then signal messages. With the meeting page's
// own rule (ACK_EVERY and ACK_DELAY_MS of wwwroot-src/js/signaling.js) it acknowledges what it received,
// so the relay's replay queue holds what a real client would leave in it.
import WebSocket from 'ws';
import { Participant } from '../participant.js';
import { handleMeetSiteMessage } from './meetsite-messages.js';
import { ACK_DELAY_MS, ACK_EVERY } from '../../../wwwroot-src/js/signaling.js';

export function connectMeetSiteWebSocket({ origin, room, jar }) {
  const participant = new Participant();
  const url = `${origin.replace(/^http/, 'ws')}/signal/ws/${room}`;
  const socket = new WebSocket(url, { headers: { cookie: jar.header(), origin }, perMessageDeflate: false });

  let lastSeq = 0;
  let acked = 0;
  let ackTimer = null;
  const sendAck = () => {
    clearTimeout(ackTimer);
    ackTimer = null;
    if (lastSeq > acked && socket.readyState === WebSocket.OPEN) {
      socket.send(`{"type":"ack","seq":${lastSeq}}`);
      acked = lastSeq;
    }
  };

  socket.on('message', (raw) => {
    const message = JSON.parse(raw);
    if (message.seq > lastSeq) lastSeq = message.seq;
    handleMeetSiteMessage(participant, message);
    if (lastSeq - acked >= ACK_EVERY) sendAck();
    else if (lastSeq > acked) ackTimer ??= setTimeout(sendAck, ACK_DELAY_MS);
  });
  socket.on('close', (code) => {
    clearTimeout(ackTimer);
    participant.onClosed(code);
  });
  socket.on('error', () => participant.errors++);

  participant.sendRaw = (text) => socket.send(text);
  participant.send = (to, data) => participant.sendRaw(JSON.stringify({ type: 'signal', to, data }));
  participant.close = () => new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once('close', resolve);
    if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"leave"}');
    socket.close(1000);
    setTimeout(() => { socket.terminate(); resolve(); }, 3000).unref();
  });
  participant.opened = new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send('{"type":"join"}');
      resolve();
    });
    socket.once('unexpected-response', (_, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return participant;
}
