using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace SignalRRelay;

/// <summary>
/// Join a room (answered with your id and the others'), then signal one peer of the room: the message
/// is forwarded with the sender's id, as MeetSite's relay does.
/// </summary>
internal sealed class RelayHub(RoomMembers rooms) : Hub
{
    private const string RoomKey = "room";

    public async Task<Welcome> Join(string room)
    {
        if (Context.Items.ContainsKey(RoomKey))
        {
            throw new HubException("Already joined.");
        }
        var others = rooms.Add(room, Context.ConnectionId);
        Context.Items[RoomKey] = room;
        await Clients.Clients(others).SendAsync("joined", Context.ConnectionId);
        return new Welcome(Context.ConnectionId, others);
    }

    public Task Signal(string to, JsonElement data)
    {
        if (Context.Items[RoomKey] is not string room || !rooms.Contains(room, to))
        {
            return Clients.Caller.SendAsync("error", "unknown-participant");
        }
        return Clients.Client(to).SendAsync("signal", Context.ConnectionId, data);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[RoomKey] is string room)
        {
            var others = rooms.Remove(room, Context.ConnectionId);
            await Clients.Clients(others).SendAsync("left", Context.ConnectionId);
        }
        await base.OnDisconnectedAsync(exception);
    }
}

internal sealed record Welcome(string You, IReadOnlyList<string> Participants);
