import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../js/messages.js';

test('join speaks protocol 2, defaults media to all off and carries no name (the server shows the account name)', () => {
  assert.deepEqual(m.joinMessage({ name: 'Host' }), { type: 'join', protocol: 2, media: { mic: false, cam: false, screen: false } });
});

test('meeting controls name their target by id; settings carry only what changes', () => {
  assert.deepEqual(m.targetedMessage('remove', 'p1'), { type: 'remove', id: 'p1' });
  assert.deepEqual(m.meetingMessage('end'), { type: 'end' });
  assert.deepEqual(m.handMessage(true), { type: 'hand', raised: true });
  assert.deepEqual(m.handMessage(false, 'p2'), { type: 'hand', raised: false, id: 'p2' });
  assert.deepEqual(m.coHostMessage('p3', 1), { type: 'cohost', id: 'p3', on: true });
  assert.deepEqual(m.settingsMessage({ locked: true }), { type: 'settings', locked: true });
  assert.deepEqual(m.settingsMessage({ waitingRoom: false }), { type: 'settings', waitingRoom: false });
});

test('a resuming join carries id, token and lastSeq', () => {
  const join = m.joinMessage({ media: { mic: true }, resume: { id: 'a', token: 't', lastSeq: 7, extra: 1 } });
  assert.deepEqual(join.resume, { id: 'a', token: 't', lastSeq: 7 });
  assert.deepEqual(join.media, { mic: true, cam: false, screen: false });
});

test('chat is trimmed, refused when empty and cut at 2000 characters', () => {
  assert.deepEqual(m.chatMessage('  hi  '), { type: 'chat', text: 'hi' });
  assert.equal(m.chatMessage('   '), null);
  assert.equal(m.chatMessage('x'.repeat(2500)).text.length, 2000);
});

test('signal, media, ack and leave follow the protocol', () => {
  assert.deepEqual(m.signalMessage('p2', { candidate: null }), { type: 'signal', to: 'p2', data: { candidate: null } });
  assert.deepEqual(m.mediaMessage({ cam: 1 }), { type: 'media', mic: false, cam: true, screen: false });
  assert.deepEqual(m.ackMessage(12), { type: 'ack', seq: 12 });
  assert.deepEqual(m.leaveMessage(), { type: 'leave' });
});

test('server messages must be JSON objects with a string type', () => {
  assert.deepEqual(m.parseServerMessage('{"type":"left","id":"x","seq":3}'), { type: 'left', id: 'x', seq: 3 });
  for (const bad of ['nope', '[]', 'null', '{"type":4}', '{}']) assert.equal(m.parseServerMessage(bad), null, bad);
});

test('replayed messages are duplicates, a welcome never is', () => {
  assert.equal(m.isDuplicate({ type: 'chat', seq: 4 }, 4), true);
  assert.equal(m.isDuplicate({ type: 'chat', seq: 5 }, 4), false);
  assert.equal(m.isDuplicate({ type: 'welcome', seq: 4 }, 4), false);
});

test('errors (seq 0, outside the numbered stream) are never duplicates', () => {
  assert.equal(m.isDuplicate({ type: 'error', seq: 0, code: 'rate-limited' }, 9), false);
});
