// A MeetSite participant over the relay's WebSocket (docs/signaling.md): open /signal/ws/{code} with
// the account cookie and the site's Origin, send join, then signal messages.
import WebSocket from 'ws';
import { Participant } from '../participant.js';
import { handleMeetSiteMessage } from './meetsite-messages.js';

export function connectMeetSiteWebSocket({ origin, room, jar }) {
  const participant = new Participant();
  const url = `${origin.replace(/^http/, 'ws')}/signal/ws/${room}`;
  const socket = new WebSocket(url, { headers: { cookie: jar.header(), origin }, perMessageDeflate: false });

  socket.on('message', (raw) => {
    const message = JSON.parse(raw);
    handleMeetSiteMessage(participant, message);
  });
  socket.on('error', () => participant.errors++);

  participant.send = (to, data) => socket.send(JSON.stringify({ type: 'signal', to, data }));
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
