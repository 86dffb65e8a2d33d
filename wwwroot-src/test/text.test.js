import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initial, truncate } from '../js/text.js';
import { chatMessage, MAX_CHAT_LENGTH } from '../js/messages.js';

const isWellFormed = (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

test('truncate keeps text within the limit unchanged', () => {
  assert.equal(truncate('abc', 3), 'abc');
  assert.equal(truncate('😀', 2), '😀');
});

test('truncate cuts by UTF-16 units but never through a surrogate pair', () => {
  assert.equal(truncate('abcdef', 4), 'abcd');
  assert.equal(truncate('a😀b', 2), 'a'); // the limit falls inside the emoji: it goes whole
  assert.equal(truncate('a😀b', 3), 'a😀');
  for (let max = 1; max < 12; max += 1) {
    const cut = truncate('😀x😀😀é😀', max);
    assert.ok(cut.length <= max && isWellFormed(cut), `max ${max}: ${JSON.stringify(cut)}`);
  }
});

test('an over-long chat of emoji is cut to whole code points within the limit', () => {
  const text = chatMessage('x' + '😀'.repeat(MAX_CHAT_LENGTH)).text;
  assert.equal(text.length, MAX_CHAT_LENGTH - 1);
  assert.ok(isWellFormed(text));
});

test('initial is a whole code point, upper-cased', () => {
  assert.equal(initial('  ada'), 'A');
  assert.equal(initial('😀 Zoë'), '😀');
  assert.equal(initial('𝒜bc'), '𝒜');
  assert.equal(initial('   '), '');
});
