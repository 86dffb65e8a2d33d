// The socket.io reference relay as one of several nodes (bench/multinode): the same protocol as
// socketio-relay.js, with socket.io's Redis adapter (@socket.io/redis-adapter) carrying what one node
// emits to sockets on the others. Room membership lives in Redis (a set per room), so a joiner on any
// node is told everyone in its room. A signal goes to the room-scoped name "<room>:<peer id>", which only
// that peer joined, and only if it is in the sender's room: the membership check of socketio-relay.js,
// without a lookup per message, but a signal to someone outside the room is dropped without the
// "unknown-participant" answer. Usage: node socketio-cluster-relay.js <port> <redis port>
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3100);
const redisUrl = `redis://127.0.0.1:${Number(process.argv[3] ?? 6379)}`;
const members = (room) => `relay:room:${room}`;

const pub = createClient({ url: redisUrl });
const sub = pub.duplicate();
const store = pub.duplicate();
await Promise.all([pub.connect(), sub.connect(), store.connect()]);

const http = createServer((req, res) => res.end('socket.io reference relay (Redis adapter)'));
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false, adapter: createAdapter(pub, sub) });

io.on('connection', (socket) => {
  let roomName = null;

  socket.on('join', async (name, answer) => {
    if (roomName !== null || typeof name !== 'string') return;
    roomName = name;
    // In the room before the others are read: a peer joining at the same moment reaches us either
    // in our list or by its "joined".
    socket.join([name, `${name}:${socket.id}`]);
    const [others] = await store.multi().sMembers(members(name)).sAdd(members(name), socket.id).exec();
    socket.to(name).emit('joined', socket.id);
    answer?.({ you: socket.id, participants: others });
  });

  socket.on('signal', (to, data) => {
    if (roomName === null || typeof to !== 'string') {
      socket.emit('error-message', 'unknown-participant');
      return;
    }
    socket.to(`${roomName}:${to}`).emit('signal', socket.id, data);
  });

  socket.on('disconnect', async () => {
    if (roomName === null) return;
    await store.sRem(members(roomName), socket.id);
    socket.to(roomName).emit('left', socket.id);
  });
});

http.listen(port, '127.0.0.1', () => console.log(`socket.io relay (Redis adapter) on http://127.0.0.1:${port}`));
