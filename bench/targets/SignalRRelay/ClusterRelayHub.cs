using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace SignalRRelay;

/// <summary>
/// <see cref="RelayHub"/>'s protocol for several nodes behind one proxy, on SignalR's Redis backplane. Each
/// connection is in its room's group (for joined and left) and in the group "room:id", which only it is
/// in; a signal goes to "room:peer", so it reaches the peer only if the peer is in the sender's room: the
/// membership check without a Redis look-up per message, but a signal to someone outside the room is
/// dropped without the "unknown-participant" answer.
/// </summary>
internal sealed class ClusterRelayHub(RedisRoomMembers rooms) : Hub
{
    private const string RoomKey = "room";

    public async Task<Welcome> Join(string room)
    {
        if (Context.Items.ContainsKey(RoomKey))
        {
            throw new HubException("Already joined.");
        }
        Context.Items[RoomKey] = room;
        // In the groups before the others are read: a peer joining at the same moment reaches us either
        // in our list or by its "joined".
        await Groups.AddToGroupAsync(Context.ConnectionId, room);
        await Groups.AddToGroupAsync(Context.ConnectionId, PeerGroup(room, Context.ConnectionId));
        var others = await rooms.AddAsync(room, Context.ConnectionId);
        await Clients.OthersInGroup(room).SendAsync("joined", Context.ConnectionId);
        return new Welcome(Context.ConnectionId, others);
    }

    public Task Signal(string to, JsonElement data)
    {
        if (Context.Items[RoomKey] is not string room)
        {
            return Clients.Caller.SendAsync("error", "unknown-participant");
        }
        return Clients.Group(PeerGroup(room, to)).SendAsync("signal", Context.ConnectionId, data);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[RoomKey] is string room)
        {
            await rooms.RemoveAsync(room, Context.ConnectionId);
            await Clients.GroupExcept(room, Context.ConnectionId).SendAsync("left", Context.ConnectionId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    private static string PeerGroup(string room, string id) => $"{room}:{id}";
}
