using System.Diagnostics;

namespace MeetSite.Tests.Nat;

/// <summary>A test that needs Linux network namespaces; skipped with the reason where none can be made.</summary>
public sealed class NatFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> WhyNot = new(ProbeNamespaces);

    public NatFactAttribute()
    {
        if (WhyNot.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Creates and removes one namespace: only that proves root with CAP_NET_ADMIN.</summary>
    private static string? ProbeNamespaces()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "NAT tests need Linux network namespaces.";
        }
        var probe = $"{NatBed.Prefix}{Environment.ProcessId}xprobe";
        try
        {
            using var add = Process.Start("ip", ["netns", "add", probe]);
            add.WaitForExit();
            if (add.ExitCode != 0)
            {
                return "NAT tests need root (CAP_NET_ADMIN) to create network namespaces.";
            }
            using var del = Process.Start("ip", ["netns", "del", probe]);
            del.WaitForExit();
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "NAT tests need iproute2's ip to create network namespaces.";
        }
    }
}
