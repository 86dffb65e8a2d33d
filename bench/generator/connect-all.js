// Opens every participant of every room, a few at a time, and waits until each knows all its peers.
const AT_ONCE = 50;
const READY_MS = 30_000;

export async function connectAll(target, roomKeys, perRoom, { waitForPeers = true } = {}) {
  const seats = roomKeys.flatMap((room) => Array.from({ length: perRoom }, (_, seat) => ({ room, seat })));
  const participants = [];
  for (let i = 0; i < seats.length; i += AT_ONCE) {
    const batch = seats.slice(i, i + AT_ONCE).map((seat) => target.connect(seat));
    await Promise.all(batch.map((p) => p.opened));
    participants.push(...batch);
  }
  if (waitForPeers) await Promise.all(participants.map((p) => p.waitForPeers(perRoom - 1, READY_MS)));
  return participants;
}

export async function closeAll(participants) {
  for (let i = 0; i < participants.length; i += AT_ONCE) {
    await Promise.all(participants.slice(i, i + AT_ONCE).map((p) => p.close().catch(() => {})));
  }
}
