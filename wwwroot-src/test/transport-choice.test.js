import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forcedTransport, transportOrder, transportLabel, WEBSOCKET, LONGPOLL } from '../js/transport-choice.js';

test('WebSocket first, long-polling as the fallback', () => {
  assert.deepEqual(transportOrder(), [WEBSOCKET, LONGPOLL]);
});

test('?transport=longpoll forces long-polling', () => {
  assert.equal(forcedTransport('?transport=longpoll'), LONGPOLL);
  assert.deepEqual(transportOrder({ forced: forcedTransport('?transport=longpoll') }), [LONGPOLL]);
});

test('unknown or missing transport parameters force nothing', () => {
  assert.equal(forcedTransport(''), null);
  assert.equal(forcedTransport('?transport=carrier-pigeon'), null);
});

test('after a WebSocket failed to open, reconnections go straight to long-polling', () => {
  assert.deepEqual(transportOrder({ webSocketFailed: true }), [LONGPOLL]);
});

test('a forced transport wins over what happened before', () => {
  assert.deepEqual(transportOrder({ forced: WEBSOCKET, webSocketFailed: true }), [WEBSOCKET]);
});

test('labels are the words of the status line', () => {
  assert.equal(transportLabel(WEBSOCKET), 'WebSocket');
  assert.equal(transportLabel(LONGPOLL), 'long-polling');
});
