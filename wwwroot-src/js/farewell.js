// What the page says when the meeting is over for it: removed, denied, ended, locked out, or another
// failure. No DOM here, so it is unit-tested.

/**
 * `error` is the signaling client's final error ({code, message, detail}: the server message that ended
 * it, for `removed`, `denied` and `ended`). Returns {heading, detail, rejoin}: rejoin is the text of the
 * link back to the lobby, or null when going back cannot help.
 */
export function farewell(error, wasInCall = true) {
  const by = error?.detail?.by;
  switch (error?.code) {
    case 'removed':
      return { heading: 'You were removed from the meeting', detail: by ? `${by} removed you.` : '', rejoin: null };
    case 'ended':
    case 'meeting-ended':
      return { heading: 'This meeting has ended', detail: by ? `${by} ended the meeting for everyone.` : '', rejoin: null };
    case 'denied': {
      const left = error.detail?.asksLeft ?? 0;
      return {
        heading: 'Your request to join was denied',
        detail: left > 0 ? `You can ask again ${left === 1 ? 'once more' : `${left} more times`}.` : 'You cannot ask to join this meeting again.',
        rejoin: left > 0 ? 'Ask again' : null,
      };
    }
    case 'ask-limit':
      return { heading: 'Your request to join was denied', detail: 'You cannot ask to join this meeting again.', rejoin: null };
    case 'meeting-locked':
      return { heading: 'This meeting is locked', detail: 'Nobody new can join or ask to join while it is locked.', rejoin: 'Try again' };
    default:
      return wasInCall
        ? { heading: 'You are no longer in the meeting', detail: error?.message ?? '', rejoin: 'Rejoin' }
        : { heading: 'Could not join the meeting', detail: error?.message ?? '', rejoin: 'Try again' };
  }
}
