import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalingClient } from '../js/signaling.js';
import { openTransport } from '../js/transport.js';

/** A transport double: records what is sent, and lets the test deliver messages or drop it. */
class FakeTransport {
  sent = [];
  onmessage = () => {};
  onclose = () => {};
  left = false;
  listen(onmessage, onclose) { this.onmessage = onmessage; this.onclose = onclose; }
  constructor(kind) { this.kind = kind; }
  send(message) { this.sent.push(message); return true; }
  close() {}
  leave() { this.left = true; }
}

const welcome = (seq, extra = {}) =>
  ({ type: 'welcome', seq, protocol: 1, you: { id: 'me', name: 'Me' }, token: 'tok', participants: [], chat: [], ...extra });

function fakeOpen(answers) {
  const calls = [];
  const open = async (code, join, order) => {
    calls.push({ code, join, order });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    const transport = new FakeTransport(order[0]);
    open.transports.push(transport);
    return { transport, first: answer, webSocketFailed: false };
  };
  open.calls = calls;
  open.transports = [];
  return open;
}

const collect = (client, type) => {
  const seen = [];
  client.addEventListener(type, (e) => seen.push(e.detail));
  return seen;
};

test('join sends media, and resolves with the welcome', async () => {
  const open = fakeOpen([welcome(1)]);
  const client = new SignalingClient('abc-defg-hij', { open });
  const got = await client.join({ media: { mic: true } });
  assert.equal(got.you.id, 'me');
  assert.deepEqual(open.calls[0].join, { type: 'join', protocol: 2, media: { mic: true, cam: false, screen: false } });
  assert.equal(client.state, 'connected');
});

test('replayed messages are delivered once', async () => {
  const open = fakeOpen([welcome(1)]);
  const client = new SignalingClient('c', { open });
  const chats = collect(client, 'chat');
  await client.join();
  const [transport] = open.transports;
  transport.onmessage({ type: 'chat', seq: 2, text: 'a' });
  transport.onmessage({ type: 'chat', seq: 2, text: 'a' });
  transport.onmessage({ type: 'chat', seq: 3, text: 'b' });
  assert.deepEqual(chats.map((c) => c.text), ['a', 'b']);
});

test('a drop resumes with id, token and lastSeq, and shows reconnecting meanwhile', async () => {
  const open = fakeOpen([welcome(1), welcome(5)]);
  const client = new SignalingClient('c', { open });
  const states = collect(client, 'status');
  await client.join();
  open.transports[0].onmessage({ type: 'joined', seq: 5, participant: { id: 'p2' } });
  client.signal('p2', { candidate: null }); // sent at once while connected
  open.transports[0].onclose({ code: 1006 });
  client.chat('held while reconnecting');
  await waitFor(() => client.state === 'connected' && open.calls.length === 2);
  assert.deepEqual(open.calls[1].join.resume, { id: 'me', token: 'tok', lastSeq: 5 });
  assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected', 'reconnecting', 'connected']);
  assert.deepEqual(open.transports[1].sent, [{ type: 'chat', text: 'held while reconnecting' }]);
});

test('a failed resume joins afresh and announces a reset', async () => {
  const open = fakeOpen([welcome(1), { type: 'error', code: 'resume-failed', message: 'late' }, welcome(1, { you: { id: 'new' } })]);
  const client = new SignalingClient('c', { open });
  const resets = collect(client, 'reset');
  await client.join();
  open.transports[0].onclose({ code: 1006 });
  await waitFor(() => resets.length === 1);
  assert.equal(open.calls[2].join.resume, undefined);
  assert.equal(client.you.id, 'new');
});

test('a resume refused by long-polling (HTTP 400, resume-failed) also joins afresh', async () => {
  const refused = Object.assign(new Error('late'), { code: 'resume-failed' });
  const open = fakeOpen([welcome(1), refused, welcome(1, { you: { id: 'new' } })]);
  const client = new SignalingClient('c', { open });
  const resets = collect(client, 'reset');
  await client.join();
  open.transports[0].onclose({ code: 1006 });
  await waitFor(() => resets.length === 1);
  assert.ok(open.calls[1].join.resume);
  assert.equal(open.calls[2].join.resume, undefined);
});

test('a close with 1000 (taken over elsewhere) is final', async () => {
  const open = fakeOpen([welcome(1)]);
  const client = new SignalingClient('c', { open });
  await client.join();
  open.transports[0].onclose({ code: 1000 });
  assert.equal(client.state, 'closed');
  assert.equal(open.calls.length, 1);
});

test('a fatal error (meeting full) is not retried', async () => {
  const open = fakeOpen([Object.assign(new Error('full'), { fatal: true, code: 'meeting-full' })]);
  const client = new SignalingClient('c', { open });
  await assert.rejects(client.join(), /full/);
  assert.equal(open.calls.length, 1);
});

test('a close with 4003 (the server drains) resumes at once, then retries fast on the same transport', async () => {
  const open = fakeOpen([welcome(1), new Error('503'), new Error('refused'), welcome(7)]);
  const slept = [];
  const client = new SignalingClient('c', { open, sleep: async (ms) => { slept.push(ms); } });
  await client.join();
  open.transports[0].onclose({ code: 4003 });
  await waitFor(() => client.state === 'connected' && open.calls.length === 4);
  assert.equal(slept.length, 2, 'the first resume went without waiting');
  for (const ms of slept) assert.ok(ms >= 100 && ms <= 200, `waited ${ms} ms`);
  assert.deepEqual(open.calls.slice(1).map((c) => c.order), [['websocket'], ['websocket'], ['websocket']]);
  assert.deepEqual(open.calls[3].join.resume, { id: 'me', token: 'tok', lastSeq: 1 });
});

test('any other drop (1001, 1006) backs off between failed attempts and may fall back to long-polling', async () => {
  const open = fakeOpen([welcome(1), new Error('refused'), welcome(2)]);
  const slept = [];
  const client = new SignalingClient('c', { open, sleep: async (ms) => { slept.push(ms); } });
  await client.join();
  open.transports[0].onclose({ code: 1001 });
  await waitFor(() => client.state === 'connected' && open.calls.length === 3);
  assert.equal(slept.length, 1);
  assert.ok(slept[0] >= 250 && slept[0] <= 500, `waited ${slept[0]} ms`);
  assert.deepEqual(open.calls[1].order, ['websocket', 'longpoll']);
});

test('openTransport falls back to long-polling when the WebSocket fails', async () => {
  const tried = [];
  const factory = (kind, ok) => () => ({
    kind,
    open: async () => { tried.push(kind); if (!ok) throw new Error('blocked'); return welcome(1); },
    close() {},
  });
  const result = await openTransport('c', {}, ['websocket', 'longpoll'], {}, { websocket: factory('websocket', false), longpoll: factory('longpoll', true) });
  assert.deepEqual(tried, ['websocket', 'longpoll']);
  assert.equal(result.transport.kind, 'longpoll');
  assert.equal(result.webSocketFailed, true);
});

async function waitFor(condition, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('someone asking to join waits, then is admitted by a welcome that brings who they are', async () => {
  const open = fakeOpen([{ type: 'waiting', seq: 1, you: { id: 'w1', name: 'Me' }, hostPresent: false }]);
  const client = new SignalingClient('c', { open });
  const waits = collect(client, 'waiting');
  const welcomes = collect(client, 'welcome');
  const first = await client.join();
  assert.equal(first.type, 'waiting');
  assert.equal(client.you, null);
  assert.equal(waits.length, 1);
  open.transports[0].onmessage({ type: 'waiting', seq: 2, you: { id: 'w1', name: 'Me' }, hostPresent: true });
  open.transports[0].onmessage(welcome(3, { you: { id: 'w1', name: 'Me' } }));
  assert.equal(waits.at(-1).hostPresent, true);
  assert.equal(welcomes.length, 1);
  assert.equal(client.you.id, 'w1');
});

test('a dropped connection while waiting asks again rather than resuming', async () => {
  const open = fakeOpen([{ type: 'waiting', seq: 1, you: { id: 'w1', name: 'Me' }, hostPresent: true },
    { type: 'waiting', seq: 1, you: { id: 'w2', name: 'Me' }, hostPresent: true }]);
  const client = new SignalingClient('c', { open });
  await client.join();
  open.transports[0].onclose({ code: 1006 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(open.calls.length, 2);
  assert.equal(open.calls[1].join.resume, undefined);
});

for (const type of ['removed', 'denied', 'ended']) {
  test(`'${type}' ends the client for good, with the message as the reason`, async () => {
    const open = fakeOpen([welcome(1)]);
    const client = new SignalingClient('c', { open });
    const statuses = collect(client, 'status');
    await client.join();
    open.transports[0].onmessage({ type, seq: 2, by: 'Hana', asksLeft: 1 });
    const last = statuses.at(-1);
    assert.equal(last.state, 'closed');
    assert.equal(last.error.code, type);
    assert.equal(last.error.detail.by, 'Hana');
    open.transports[0].onclose({ code: 1006 }); // the close after it is no drop to resume
    assert.equal(open.calls.length, 1);
  });
}
