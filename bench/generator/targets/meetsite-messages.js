// What a MeetSite participant does with each server message (docs/signaling.md), whichever transport
// brought it.
export function handleMeetSiteMessage(participant, message) {
  switch (message.type) {
    case 'signal': participant.onSignal(message.from, message.data); break;
    case 'welcome': participant.welcome(message.you.id, message.participants.map((p) => p.id)); break;
    case 'joined': participant.addPeer(message.participant.id); break;
    case 'left': participant.removePeer(message.id); break;
    case 'chat': participant.onChat(message); break;
    case 'error': participant.errors++; participant.onError(message); break;
  }
}
