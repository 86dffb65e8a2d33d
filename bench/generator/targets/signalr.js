// A participant of the SignalR reference relay over WebSockets or LongPolling only. WebSockets skip the
// negotiate request, so a connection is one request, which a round-robin proxy with no stickiness can
// send to any node (bench/multinode); long-polling needs its negotiate and polls on one node.
import * as signalR from '@microsoft/signalr';
import { Participant } from '../participant.js';

const TRANSPORTS = {
  websocket: signalR.HttpTransportType.WebSockets,
  longpolling: signalR.HttpTransportType.LongPolling,
};

export function connectSignalR({ origin, room, transport }) {
  const participant = new Participant();
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${origin}/relay`, { transport: TRANSPORTS[transport], skipNegotiation: transport === 'websocket' })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.serverTimeoutInMilliseconds = 120_000;
  connection.on('signal', (from, data) => participant.onSignal(from, data));
  connection.on('joined', (id) => participant.addPeer(id));
  connection.on('left', (id) => participant.removePeer(id));
  connection.on('error', () => participant.errors++);

  participant.send = (to, data) => {
    connection.send('Signal', to, data).catch(() => participant.errors++);
  };
  participant.close = () => connection.stop();
  participant.opened = (async () => {
    await connection.start();
    const welcome = await connection.invoke('Join', room);
    participant.welcome(welcome.you, welcome.participants);
  })();
  return participant;
}
