// The socket.io reference relay for the benchmarks: join a room (answered with your id and the
// others'), then signal one peer of the room; the message is forwarded with the sender's id, as
// MeetSite's relay does. No authentication, no persistence. Usage: node socketio-relay.js <port>
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3100);
const rooms = new Map(); // room name -> Map(socket id -> socket)

const http = createServer((req, res) => res.end('socket.io reference relay'));
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });

io.on('connection', (socket) => {
  let room = null;
  let roomName = null;

  socket.on('join', (name, answer) => {
    if (room !== null || typeof name !== 'string') return;
    room = rooms.get(name) ?? new Map();
    rooms.set(name, room);
    roomName = name;
    const others = [...room.keys()];
    for (const peer of room.values()) peer.emit('joined', socket.id);
    room.set(socket.id, socket);
    answer?.({ you: socket.id, participants: others });
  });

  socket.on('signal', (to, data) => {
    const peer = room?.get(to);
    if (peer === undefined) {
      socket.emit('error-message', 'unknown-participant');
      return;
    }
    peer.emit('signal', socket.id, data);
  });

  socket.on('disconnect', () => {
    if (room === null) return;
    room.delete(socket.id);
    for (const peer of room.values()) peer.emit('left', socket.id);
    if (room.size === 0) rooms.delete(roomName);
  });
});

http.listen(port, '127.0.0.1', () => console.log(`socket.io relay on http://127.0.0.1:${port}`));
