// A participant of the socket.io reference relay, over "websocket" only or "polling" only
// (no upgrade), so each run measures one transport.
import { Agent } from 'node:http';
import { io } from 'socket.io-client';
import { Participant } from '../participant.js';

// socket.io's Node polling client opens a new TCP connection per request unless given an agent.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

export function connectSocketIo({ origin, room, transport }) {
  const participant = new Participant();
  const socket = io(origin, {
    transports: [transport],
    upgrade: false,
    forceNew: true,
    reconnection: false,
    agent: transport === 'polling' ? agent : false,
    timeout: 20_000,
  });
  socket.on('signal', (from, data) => participant.onSignal(from, data));
  socket.on('joined', (id) => participant.addPeer(id));
  socket.on('left', (id) => participant.removePeer(id));
  socket.on('error-message', () => participant.errors++);
  socket.on('connect_error', () => participant.errors++);

  participant.send = (to, data) => socket.emit('signal', to, data);
  participant.close = async () => { socket.disconnect(); };
  participant.opened = new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.emit('join', room, (welcome) => participant.welcome(welcome.you, welcome.participants));
      resolve();
    });
    socket.once('connect_error', reject);
  });
  return participant;
}
