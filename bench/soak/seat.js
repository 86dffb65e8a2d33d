// One soak participant: its own account, joining a meeting, staying a while, leaving, joining again
// (half the time the same meeting, otherwise another with a free seat), until the run ends. While joined
// it trickles signal messages to its peers and now and then says something in the chat.
import { connectMeetSiteLongPolling } from '../generator/targets/meetsite-longpolling.js';
import { connectMeetSiteWebSocket } from '../generator/targets/meetsite-websocket.js';

const WELCOME_MS = 30_000;
// Refusals that churn causes by itself: a signal to a peer that left before it arrived, and a long-poll
// send that raced its own leave (204).
const CHURN_ERRORS = new Set(['unknown-participant', 'http-204']);

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const between = ([lo, hi]) => lo + Math.random() * (hi - lo);
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/**
 * ctx: { origin, meetings, occupancy (Map code -> seats we hold), capacity, ledger, stats, endAt,
 *        stayMs, pauseMs, signalMs, chatMs ([lo, hi] each), nextMessage() }
 */
export async function runSeat(ctx, { jar, transport, startDelayMs }) {
  const connect = transport === 'websocket' ? connectMeetSiteWebSocket : connectMeetSiteLongPolling;
  await sleep(startDelayMs);
  let meeting = null;
  while (Date.now() < ctx.endAt) {
    meeting = chooseMeeting(ctx, meeting);
    if (meeting === null) { await sleep(1000); continue; }
    ctx.occupancy.set(meeting, ctx.occupancy.get(meeting) + 1);
    try {
      await stay(ctx, connect({ origin: ctx.origin, room: meeting, jar }), transport);
    } finally {
      ctx.occupancy.set(meeting, ctx.occupancy.get(meeting) - 1);
    }
    await sleep(Math.min(between(ctx.pauseMs), ctx.endAt - Date.now()));
  }
}

function chooseMeeting(ctx, previous) {
  const free = (code) => ctx.occupancy.get(code) < ctx.capacity;
  if (previous !== null && Math.random() < 0.5 && free(previous)) return previous;
  const others = ctx.meetings.filter((code) => code !== previous && free(code));
  return others.length ? pick(others) : null;
}

async function stay(ctx, participant, transport) {
  const { stats, ledger } = ctx;
  let session = null;
  let refuse;
  const refused = new Promise((_, reject) => { refuse = reject; });
  refused.catch(() => {});
  let dropped;
  const drop = new Promise((resolve) => { dropped = resolve; });

  participant.onError = (message) => {
    const code = message?.code ?? 'unknown';
    if (session === null) return refuse(new Error(`join refused: ${code}`));
    const churn = session.leftAt !== null || CHURN_ERRORS.has(code);
    const tally = churn ? stats.churn_errors : stats.errors;
    tally[code] = (tally[code] ?? 0) + 1;
  };
  participant.onClosed = (code) => {
    if (session === null) return refuse(new Error(`closed before welcome${code ? ` (${code})` : ''}`));
    if (session.leftAt !== null) return;
    session.leftAt = Date.now();
    stats.drops[transport] = (stats.drops[transport] ?? 0) + 1;
    dropped();
  };
  participant.onSignal = (_, data) => ledger.arrived(data.n, participant.id);
  participant.onChat = (message) => {
    const n = /^soak (\d+)$/.exec(message.text)?.[1];
    if (n !== undefined) ledger.arrived(Number(n), participant.id);
  };

  try {
    await Promise.race([participant.opened.then(() => participant.waitForPeers(0, WELCOME_MS)), refused]);
  } catch (error) {
    const why = /refused: (\w[\w-]*)/.exec(error.message)?.[1] ?? error.message.replace(/\d+ of \d+ peers/, 'no welcome');
    stats.join_refusals[why] = (stats.join_refusals[why] ?? 0) + 1;
    await participant.close().catch(() => {});
    return;
  }
  session = ledger.joined(participant.id, transport);
  stats.joins[transport]++;

  const until = Math.min(Date.now() + between(ctx.stayMs), ctx.endAt);
  const leaving = Promise.race([sleep(until - Date.now()), drop]);
  const talk = async (intervalMs, say) => {
    for (;;) {
      const more = await Promise.race([sleep(between(intervalMs)).then(() => true), leaving.then(() => false)]);
      if (!more || session.leftAt !== null) return;
      say();
    }
  };
  const signal = () => {
    if (participant.peers.length === 0) return;
    const n = ctx.nextMessage();
    const to = pick(participant.peers);
    ledger.expect(n, participant.id, to);
    ledger.counts.signals_sent++;
    participant.send(to, { candidate: `soak ${n}`, n });
  };
  const chat = () => {
    const n = ctx.nextMessage();
    for (const to of [participant.id, ...participant.peers]) ledger.expect(n, participant.id, to);
    ledger.counts.chats_sent++;
    participant.sendRaw(JSON.stringify({ type: 'chat', text: `soak ${n}` }));
  };
  await Promise.all([talk(ctx.signalMs, signal), talk(ctx.chatMs, chat), leaving]);
  session.leftAt ??= Date.now();
  await participant.close().catch(() => {});
  stats.leaves[transport]++;
}
