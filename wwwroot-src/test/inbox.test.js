import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inbox } from '../js/inbox.js';

test('messages that arrive before anyone listens are delivered first, in order', () => {
  const inbox = new Inbox();
  const got = [];
  inbox.message(1);
  inbox.message(2);
  inbox.listen((m) => got.push(m), () => {});
  inbox.message(3);
  assert.deepEqual(got, [1, 2, 3]);
});

test('a close before listening is reported after the held messages', () => {
  const inbox = new Inbox();
  const events = [];
  inbox.message('replay');
  inbox.close({ code: 1006 });
  inbox.listen((m) => events.push(m), (info) => events.push(`closed ${info.code}`));
  assert.deepEqual(events, ['replay', 'closed 1006']);
});

test('the end is reported once and nothing is delivered after it', () => {
  const inbox = new Inbox();
  const events = [];
  inbox.listen((m) => events.push(m), () => events.push('closed'));
  inbox.close({});
  inbox.close({});
  inbox.message('late');
  assert.deepEqual(events, ['closed']);
});
