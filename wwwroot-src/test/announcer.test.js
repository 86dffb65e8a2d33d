import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announcement, nameList } from '../js/announcer.js';

test('names are listed in words, and a crowd is counted', () => {
  assert.equal(nameList([]), '');
  assert.equal(nameList(['Ada']), 'Ada');
  assert.equal(nameList(['Ada', 'Bob']), 'Ada and Bob');
  assert.equal(nameList(['Ada', 'Bob', 'Cyd']), 'Ada, Bob and Cyd');
  assert.equal(nameList(['Ada', 'Bob', 'Cyd', 'Dee', 'Eve']), 'Ada, Bob and 3 others');
});

test('joins and leaves in one window are one announcement', () => {
  assert.equal(announcement({ joined: ['Ada', 'Bob'], left: ['Cyd'] }), 'Ada and Bob joined. Cyd left.');
});

test('one message is read out, many are counted', () => {
  assert.equal(announcement({ messages: [{ name: 'Ada', text: 'Hello' }] }), 'Message from Ada: Hello');
  const many = [{ name: 'Ada', text: 'a' }, { name: 'Bob', text: 'b' }, { name: 'Ada', text: 'c' }];
  assert.equal(announcement({ messages: many }), '3 new messages from Ada and Bob.');
});

test('a long message is cut short', () => {
  const text = 'x'.repeat(1000);
  const said = announcement({ messages: [{ name: 'Ada', text }] });
  assert.ok(said.length < 200, String(said.length));
});

test('nothing happened, nothing is said', () => {
  assert.equal(announcement({}), '');
});
