import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { LongPollTransport, MAX_BATCH_MESSAGES, MAX_BATCH_BYTES } from '../js/longpoll-transport.js';

const realFetch = globalThis.fetch;
const realWarn = console.warn;
let transport = null;

afterEach(() => {
  transport?.close();
  transport = null;
  globalThis.fetch = realFetch;
  console.warn = realWarn;
});

const response = (status, text = '') => ({ status, text: async () => text, json: async () => JSON.parse(text) });

/** Lets pending promise callbacks (the send loop's next step) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A stubbed `fetch` playing the server: the join opens session s1, the first poll brings the welcome and
 * later polls wait until aborted. Each send POST waits until the test answers it.
 */
function fakeServer() {
  const sends = [];
  let polled = false;
  globalThis.fetch = (url, init = {}) => {
    const method = init.method ?? 'GET';
    if (method === 'POST' && !url.includes('session=')) return Promise.resolve(response(200, '{"session":"s1"}'));
    if (method === 'GET' && !polled) {
      polled = true;
      return Promise.resolve(response(200, JSON.stringify([{ type: 'welcome', seq: 1 }])));
    }
    if (method === 'POST') {
      return new Promise((resolve, reject) => {
        sends.push({ raw: init.body, body: JSON.parse(init.body), answer: (status, text) => resolve(response(status, text)), fail: reject });
      });
    }
    return new Promise((resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  };
  return sends;
}

async function openTransport() {
  const sends = fakeServer();
  transport = new LongPollTransport('abc-defg-hij');
  const welcome = await transport.open({ type: 'join' });
  assert.equal(welcome.type, 'welcome');
  return sends;
}

const signal = (n) => ({ type: 'signal', to: 'p', data: { n } });

test('sends made while a POST is out go together in the next one, in order, with one POST in flight', async () => {
  const sends = await openTransport();
  assert.equal(transport.send(signal(1)), true);
  assert.equal(transport.send(signal(2)), true);
  assert.equal(transport.send(signal(3)), true);
  assert.equal(sends.length, 1);
  assert.deepEqual(sends[0].body, signal(1)); // alone: a plain object, as before batches

  sends[0].answer(202);
  await settle();
  assert.equal(sends.length, 2);
  assert.deepEqual(sends[1].body, [signal(2), signal(3)]);

  sends[1].answer(202);
  await settle();
  assert.equal(sends.length, 2);
  transport.send(signal(4));
  assert.deepEqual(sends[2].body, signal(4));
});

test(`a batch holds at most ${MAX_BATCH_MESSAGES} messages; the rest follow in order`, async () => {
  const sends = await openTransport();
  for (let n = 0; n <= 100; n += 1) transport.send(signal(n));
  for (let i = 0; i < 3; i += 1) {
    sends[i].answer(202);
    await settle();
  }
  assert.equal(sends.length, 3);
  assert.deepEqual(sends.map((s) => (Array.isArray(s.body) ? s.body.length : 1)), [1, MAX_BATCH_MESSAGES, 100 - MAX_BATCH_MESSAGES]);
  assert.deepEqual(sends.flatMap((s) => s.body).map((m) => m.data.n), Array.from({ length: 101 }, (_, n) => n));
});

test('a batch stays within the byte budget counted in UTF-8, and a big message goes alone as an object', async () => {
  const sends = await openTransport();
  const big = { type: 'chat', text: 'x'.repeat(MAX_BATCH_BYTES) };
  const euros = (n) => ({ type: 'chat', text: `${n}${'€'.repeat(6000)}` }); // 18 KB in UTF-8, 6 K in UTF-16
  transport.send(signal(0));
  for (const message of [signal(1), big, signal(2), euros(1), euros(2), signal(3)]) transport.send(message);
  for (let i = 0; i < 6; i += 1) {
    sends[i]?.answer(202);
    await settle();
  }
  assert.deepEqual(sends.map((s) => s.body), [signal(0), signal(1), big, [signal(2), euros(1)], [euros(2), signal(3)]]);
  for (const send of sends.filter((s) => Array.isArray(s.body))) {
    assert.ok(Buffer.byteLength(send.raw) <= MAX_BATCH_BYTES);
  }
});

test('a 204 ends the transport and drops what was queued', async () => {
  const sends = await openTransport();
  const closes = [];
  transport.listen(() => {}, (info) => closes.push(info.code));
  transport.send(signal(1));
  transport.send(signal(2));
  sends[0].answer(204);
  await settle();
  assert.deepEqual(closes, [204]);
  assert.equal(sends.length, 1);
  assert.equal(transport.send(signal(3)), false);
});

test('a refused or failed POST is reported and the next batch still goes', async () => {
  const sends = await openTransport();
  const warnings = [];
  console.warn = (...args) => warnings.push(args);
  transport.send(signal(1));
  transport.send(signal(2));
  sends[0].answer(400, '{"type":"error","code":"unknown-participant"}');
  await settle();
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0][1], 400);
  transport.send(signal(3));
  sends[1].fail(new Error('network down'));
  await settle();
  assert.deepEqual(sends[2].body, signal(3));
});

test('a poll answered 503 moving (the server drains) ends the transport with close code 4003', async () => {
  let polls = 0;
  globalThis.fetch = (url, init = {}) => {
    if ((init.method ?? 'GET') === 'POST') return Promise.resolve(response(200, '{"session":"s1"}'));
    polls += 1;
    return Promise.resolve(polls === 1
      ? response(200, JSON.stringify([{ type: 'welcome', seq: 1 }]))
      : response(503, '{"type":"error","seq":0,"code":"moving","message":"stopping"}'));
  };
  transport = new LongPollTransport('abc-defg-hij');
  await transport.open({ type: 'join' });
  const closes = await new Promise((resolve) => transport.listen(() => {}, (info) => resolve(info.code)));
  assert.equal(closes, 4003);
});

test('a send answered 503 moving ends the transport with close code 4003 too; another 503 is only a refusal', async () => {
  const sends = await openTransport();
  const closes = [];
  console.warn = () => {};
  transport.listen(() => {}, (info) => closes.push(info.code));
  transport.send(signal(1));
  sends[0].answer(503, '{"type":"error","code":"busy"}');
  await settle();
  assert.deepEqual(closes, []);
  transport.send(signal(2));
  await settle();
  sends[1].answer(503, '{"type":"error","code":"moving"}');
  await settle();
  assert.deepEqual(closes, [4003]);
});

test('send before a session is open is refused', () => {
  fakeServer();
  transport = new LongPollTransport('abc-defg-hij');
  assert.equal(transport.send(signal(1)), false);
});
