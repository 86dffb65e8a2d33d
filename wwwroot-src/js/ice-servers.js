// The STUN/TURN servers for this user, from GET /api/ice-servers (see README, "NAT traversal"). TURN
// credentials there are short-lived, so the page fetches them just before it joins and again before an
// ICE restart once they are close to expiry; and when ICE fails, it says in words what was missing.

export const ICE_SERVERS_URL = '/api/ice-servers';

/** Fetch again when fewer than this many ms of the credentials are left. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class IceServers {
  #fetch;
  #now;
  #config = null;

  constructor({ fetch: fetchImpl = (...args) => fetch(...args), now = () => Date.now() } = {}) {
    this.#fetch = fetchImpl;
    this.#now = now;
  }

  /** The servers last fetched ([] before the first fetch). */
  get current() { return this.#config?.iceServers ?? []; }

  /** True when a relay is configured (short-lived or long-term TURN). */
  get hasTurn() { return hasTurn(this.current); }

  /** The servers, fetched when there are none yet or they are close to expiry. */
  async fresh() {
    if (!this.#config || needsRefresh(this.#config, this.#now())) {
      const response = await this.#fetch(ICE_SERVERS_URL, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(`Could not get the meeting's network settings (HTTP ${response.status}).`);
      this.#config = parseIceServers(await response.json());
    }
    return this.#config.iceServers;
  }
}

/** `{iceServers, expiresAt}` from the endpoint's JSON; expiresAt is ms since the epoch, or null. */
export function parseIceServers(json) {
  const expiresAt = json?.expiresAt ? Date.parse(json.expiresAt) : null;
  return { iceServers: Array.isArray(json?.iceServers) ? json.iceServers : [], expiresAt: Number.isNaN(expiresAt) ? null : expiresAt };
}

export function needsRefresh({ expiresAt }, now, margin = REFRESH_MARGIN_MS) {
  return expiresAt !== null && expiresAt - now < margin;
}

export function hasTurn(iceServers) {
  return iceServers.some(({ urls }) => [urls].flat().some((url) => /^turns?:/i.test(url)));
}

/**
 * What to tell the person when ICE failed: `turn` whether a relay was configured, `relayGathered`
 * whether the browser got a relay candidate, `turnError` the last TURN icecandidateerror ({code, text}).
 */
export function failureText(name, { turn, relayGathered, turnError = null }) {
  const who = `Could not connect to ${name || 'a participant'}.`;
  if (!turn) return `${who} Your network may need a TURN server, and none is configured for this site.`;
  if (relayGathered) return `${who} Even the TURN relay could not carry the call; check your network.`;
  if (turnError?.code === 401) return `${who} The TURN relay refused the credentials (401 ${turnError.text || 'Unauthorized'}).`;
  const detail = turnError ? ` (error ${turnError.code}${turnError.text ? ` ${turnError.text}` : ''})` : '';
  return `${who} The TURN relay refused or could not be reached${detail}.`;
}
