import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IceServers, REFRESH_MARGIN_MS, failureText, hasTurn, needsRefresh, parseIceServers } from '../js/ice-servers.js';

const json = (body, status = 200) => ({ ok: status < 300, status, json: async () => body });
const turnServer = { urls: ['turn:203.0.113.1:3478?transport=udp'], username: '1:u', credential: 'c' };

test('parses the endpoint answer; expiresAt is optional', () => {
  assert.deepEqual(parseIceServers({ iceServers: [turnServer], expiresAt: '2026-12-02T03:00:00Z' }),
    { iceServers: [turnServer], expiresAt: Date.parse('2026-12-02T03:00:00Z') });
  assert.deepEqual(parseIceServers({ iceServers: [{ urls: ['stun:a'] }] }), { iceServers: [{ urls: ['stun:a'] }], expiresAt: null });
});

test('refreshes only close to expiry, and never without one', () => {
  assert.equal(needsRefresh({ expiresAt: null }, 0), false);
  assert.equal(needsRefresh({ expiresAt: 1_000_000 }, 1_000_000 - REFRESH_MARGIN_MS - 1), false);
  assert.equal(needsRefresh({ expiresAt: 1_000_000 }, 1_000_000 - REFRESH_MARGIN_MS + 1), true);
});

test('fetches once, then again only when the credentials are about to expire', async () => {
  let now = 0;
  const calls = [];
  const ice = new IceServers({
    now: () => now,
    fetch: async (url, init) => {
      calls.push([url, init.cache]);
      return json({ iceServers: [{ ...turnServer, username: `${calls.length}:u` }], expiresAt: new Date(3_600_000).toISOString() });
    },
  });
  assert.deepEqual(ice.current, []);
  assert.equal((await ice.fresh())[0].username, '1:u');
  now = 3_600_000 - REFRESH_MARGIN_MS - 1;
  assert.equal((await ice.fresh())[0].username, '1:u');
  now += 2;
  assert.equal((await ice.fresh())[0].username, '2:u');
  assert.deepEqual(calls, [['/api/ice-servers', 'no-store'], ['/api/ice-servers', 'no-store']]);
  assert.equal(ice.hasTurn, true);
});

test('a refused fetch is an error the page can show', async () => {
  const ice = new IceServers({ fetch: async () => json({}, 401) });
  await assert.rejects(() => ice.fresh(), /HTTP 401/);
});

test('TURN is recognised in string or list urls, STUN is not', () => {
  assert.equal(hasTurn([{ urls: 'stun:a:3478' }]), false);
  assert.equal(hasTurn([{ urls: 'stun:a' }, { urls: 'turns:b:5349' }]), true);
  assert.equal(hasTurn([{ urls: ['stun:a', 'TURN:b?transport=tcp'] }]), true);
});

test('failure text names the missing piece', () => {
  assert.match(failureText('Bob', { turn: false, relayGathered: false }), /^Could not connect to Bob\. Your network may need a TURN server/);
  assert.match(failureText('Bob', { turn: true, relayGathered: false, turnError: { code: 401, text: 'Unauthorized' } }),
    /TURN relay refused the credentials \(401 Unauthorized\)/);
  assert.match(failureText('Bob', { turn: true, relayGathered: false, turnError: { code: 701, text: '' } }),
    /TURN relay refused or could not be reached \(error 701\)/);
  assert.match(failureText('', { turn: true, relayGathered: true }), /^Could not connect to a participant\. Even the TURN relay/);
});
