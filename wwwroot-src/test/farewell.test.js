import { test } from 'node:test';
import assert from 'node:assert/strict';
import { farewell } from '../js/farewell.js';

test('a removed person is told who removed them and offered no way back', () => {
  assert.deepEqual(farewell({ code: 'removed', detail: { by: 'Hana' } }),
    { heading: 'You were removed from the meeting', detail: 'Hana removed you.', rejoin: null });
});

test('a denied person may ask again while asks are left, and is told when none are', () => {
  assert.equal(farewell({ code: 'denied', detail: { asksLeft: 2 } }).detail, 'You can ask again 2 more times.');
  assert.equal(farewell({ code: 'denied', detail: { asksLeft: 2 } }).rejoin, 'Ask again');
  assert.equal(farewell({ code: 'denied', detail: { asksLeft: 1 } }).detail, 'You can ask again once more.');
  assert.equal(farewell({ code: 'denied', detail: { asksLeft: 0 } }).rejoin, null);
  assert.equal(farewell({ code: 'ask-limit', message: 'x' }).rejoin, null);
});

test('an ended meeting says so, whether it ended during the call or before joining', () => {
  assert.equal(farewell({ code: 'ended', detail: { by: 'Hana' } }).detail, 'Hana ended the meeting for everyone.');
  assert.equal(farewell({ code: 'meeting-ended', message: 'This meeting has ended.' }).heading, 'This meeting has ended');
});

test('a locked meeting and other failures keep the server message and a way to try again', () => {
  assert.equal(farewell({ code: 'meeting-locked', message: 'locked' }, false).heading, 'This meeting is locked');
  assert.deepEqual(farewell({ code: 'meeting-full', message: 'The meeting is full.' }, false),
    { heading: 'Could not join the meeting', detail: 'The meeting is full.', rejoin: 'Try again' });
  assert.equal(farewell({ code: 'closed-1008', message: 'ended' }, true).heading, 'You are no longer in the meeting');
});
