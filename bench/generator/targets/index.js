// The six target/transport pairs the benchmarks compare, each: how to get rooms, how to connect.
import { connectMeetSiteLongPolling } from './meetsite-longpolling.js';
import { connectMeetSiteWebSocket } from './meetsite-websocket.js';
import { newMeeting, signIn, AUTH_COOKIE } from './meetsite-accounts.js';
import { connectSignalR } from './signalr.js';
import { connectSocketIo } from './socketio.js';

export const PAIRS = {
  meetsite: ['websocket', 'longpolling'],
  'socket.io': ['websocket', 'polling'],
  signalr: ['websocket', 'longpolling'],
};

/**
 * Everything the generator needs of a target: `rooms(count, seats)` gives room keys and, per seat, the
 * credentials of that seat; `connect({room, seat})` returns a Participant with an `opened` promise.
 * MeetSite seats are distinct bench users (a meeting has seats users; capacity is per meeting), each with
 * one cookie jar shared by its connections, as a browser's tabs share one.
 */
export async function openTarget(target, transport, origin) {
  if (!PAIRS[target]?.includes(transport)) throw new Error(`unknown target ${target} ${transport}`);
  if (target !== 'meetsite') {
    const connect = target === 'socket.io' ? connectSocketIo : connectSignalR;
    return {
      rooms: async (count) => Array.from({ length: count }, (_, i) => `room-${i}`),
      connect: ({ room }) => connect({ origin, room, transport }),
    };
  }
  const connect = transport === 'websocket' ? connectMeetSiteWebSocket : connectMeetSiteLongPolling;
  const cookies = [];
  return {
    async rooms(count, seats) {
      while (cookies.length < seats) cookies.push(await signIn(origin, cookies.length));
      const owner = await signIn(origin, 'owner');
      const codes = [];
      for (let i = 0; i < count; i++) codes.push(await newMeeting(origin, owner));
      return codes;
    },
    connect: ({ room, seat }) => connect({ origin, room, jar: cookies[seat] }),
  };
}

export { AUTH_COOKIE };
