namespace MeetSite.Tests.Infrastructure;

/// <summary>Client messages as raw JSON text, so tests can also send what a serializer never would.</summary>
public static class Messages
{
    public static string Join(string name) => $$"""{"type":"join","name":"{{name}}"}""";

    public static string Resume(string name, string id, string token, long lastSeq) =>
        $$$"""{"type":"join","name":"{{{name}}}","resume":{"id":"{{{id}}}","token":"{{{token}}}","lastSeq":{{{lastSeq}}}}}""";

    public static string Signal(string to, string dataJson) => "{\"type\":\"signal\",\"to\":\"" + to + "\",\"data\":" + dataJson + "}";

    public static string Chat(string text) => $$"""{"type":"chat","text":"{{text}}"}""";

    public const string Leave = """{"type":"leave"}""";

    public static string Ack(long seq) => $$"""{"type":"ack","seq":{{seq}}}""";
}
