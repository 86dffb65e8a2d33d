using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MeetSite.Tests.Netem;

/// <summary>
/// netem's loss and delay in userspace, for kernels without sch_netem: a TUN device in a router namespace
/// (impaired-link.sh routes one direction's packets into it). Each IP packet read from it is dropped with
/// probability <c>loss</c>; the rest are written back into it <c>delay</c> later, in order, and the kernel
/// forwards them on as it would have. Everything on the route is impaired, media and signaling alike, as
/// netem on the sender's interface would. The device goes away when this is disposed (it is not persistent).
/// Linux only (the bed that uses it checks).
/// </summary>
internal sealed class TunImpairer : IDisposable
{
    private readonly int _fd;
    private readonly double _loss;
    private readonly long _delayTicks;
    private readonly BlockingCollection<(long Due, byte[] Packet)> _delayed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private readonly Thread _writer;
    private long _read;
    private long _dropped;
    private long _written;

    private TunImpairer(int fd, double loss, TimeSpan delay)
    {
        _fd = fd;
        _loss = loss;
        _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        _reader = new Thread(Read) { IsBackground = true, Name = "TunImpairer reader" };
        _writer = new Thread(Write) { IsBackground = true, Name = "TunImpairer writer" };
        _reader.Start();
        _writer.Start();
    }

    /// <summary>Creates TUN device <paramref name="device"/> in namespace <paramref name="ns"/> and starts impairing what it is routed.</summary>
    public static TunImpairer Start(string ns, string device, double loss, TimeSpan delay) =>
        new(OpenTunIn(ns, device), loss, delay);

    /// <summary>Packets read, dropped, and written back so far.</summary>
    public string Counts => $"{Interlocked.Read(ref _read)} packets read, {Interlocked.Read(ref _dropped)} dropped, {Interlocked.Read(ref _written)} written back";

    /// <summary>
    /// The device is made where the creating thread's network namespace is: setns() moves only the calling
    /// thread, so a thread of its own does it and ends. The descriptor stays valid in every thread after.
    /// </summary>
    private static int OpenTunIn(string ns, string device)
    {
        var fd = -1;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var nsFd = Check(open($"/var/run/netns/{ns}", ORdOnly | OCloExec), $"open netns {ns}");
                try
                {
                    Check(setns(nsFd, CloneNewNet), $"setns {ns}");
                }
                finally
                {
                    _ = close(nsFd);
                }
                fd = Check(open("/dev/net/tun", ORdWr | OCloExec), "open /dev/net/tun");
                var ifreq = new byte[40];
                System.Text.Encoding.ASCII.GetBytes(device).CopyTo(ifreq, 0);
                BitConverter.GetBytes((short)(IffTun | IffNoPi)).CopyTo(ifreq, 16);
                Check(ioctl(fd, TunSetIff, ifreq), $"TUNSETIFF {device}");
            }
            catch (Exception e)
            {
                if (fd >= 0)
                {
                    _ = close(fd);
                }
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? fd : throw new InvalidOperationException($"No TUN device {device} in {ns}: {failure.Message}", failure);
    }

    private void Read()
    {
        var random = new Random();
        var buffer = new byte[65536];
        var pollFd = new PollFd { Fd = _fd, Events = PollIn };
        while (!_stop.IsCancellationRequested)
        {
            // A timeout, so that Dispose is noticed: a read blocked on the device is not woken by close().
            if (poll(ref pollFd, 1, 100) <= 0)
            {
                continue;
            }
            var length = (int)read(_fd, buffer, buffer.Length);
            if (length <= 0)
            {
                continue;
            }
            Interlocked.Increment(ref _read);
            if (random.NextDouble() < _loss)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            _delayed.Add((Stopwatch.GetTimestamp() + _delayTicks, buffer[..length]));
        }
    }

    private void Write()
    {
        try
        {
            foreach (var (due, packet) in _delayed.GetConsumingEnumerable(_stop.Token))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero && _stop.Token.WaitHandle.WaitOne(wait))
                {
                    return;
                }
                // A failed write loses the packet, as a full queue would; the next ones still go.
                if (write(_fd, packet, packet.Length) == packet.Length)
                {
                    Interlocked.Increment(ref _written);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: what is still delayed is dropped, as removing netem's qdisc drops its queue.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        _writer.Join();
        _ = close(_fd);
        _delayed.Dispose();
        _stop.Dispose();
    }

    private static int Check(int result, string what) =>
        result >= 0 ? result : throw new InvalidOperationException($"{what} failed: errno {Marshal.GetLastPInvokeError()}");

    private const int ORdOnly = 0;
    private const int ORdWr = 2;
    private const int OCloExec = 0x80000;
    private const int CloneNewNet = 0x40000000;
    private const ulong TunSetIff = 0x400454ca; // _IOW('T', 202, int)
    private const int IffTun = 0x0001;
    private const int IffNoPi = 0x1000; // bare IP packets, no 4-byte packet-information header
    private const short PollIn = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, byte[] ifreq);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, ulong count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);
}
