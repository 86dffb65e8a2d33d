using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Browser;

/// <summary>
/// A real nginx in front of the test site, terminating TLS on 127.0.0.1 with a self-signed certificate
/// made here, and running deploy/nginx/meetsite.conf itself: only its listen lines, certificate paths
/// and upstream port are replaced. A child process with its own prefix, logs and pid file; the system
/// service is never used. Set MEETSITE_NGINX to use another nginx binary.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly Process _process;

    private NginxProxy(DirectoryInfo dir, Process process, Uri baseAddress)
    {
        (_dir, _process, BaseAddress) = (dir, process, baseAddress);
    }

    public static string NginxPath =>
        Environment.GetEnvironmentVariable("MEETSITE_NGINX") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    /// <summary>https://127.0.0.1:port/, the site as the browser sees it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>nginx's access log so far: which requests really went through it, with their status.</summary>
    public string AccessLog => File.ReadAllText(Path.Combine(_dir.FullName, "access.log"));

    public static Task<NginxProxy> StartAsync(Uri upstream) => StartAsync([upstream]);

    /// <summary>In front of several nodes: the template's upstream gets one <c>server</c> line each, used in turn (round-robin, no stickiness).</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> upstreams)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException(
                $"nginx not found at {NginxPath}. Run the README's test command (it installs Debian's nginx) or set MEETSITE_NGINX.");
        }
        var dir = Directory.CreateTempSubdirectory("meetsite-nginx-");
        if (!OperatingSystem.IsWindows())
        {
            // nginx started by root runs its workers as an unprivileged user, which must reach the temp folders.
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0b111_101_101);
        }
        var port = LoopbackPort.Free();
        var (certificate, key) = WriteSelfSignedCertificate(dir.FullName);
        File.WriteAllText(Path.Combine(dir.FullName, "meetsite.conf"), SiteConfig(port, [.. upstreams.Select(u => u.Port)], certificate, key));
        File.WriteAllText(Path.Combine(dir.FullName, "nginx.conf"), MainConfig(dir.FullName));

        var process = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList =
            {
                "-p", dir.FullName + "/", "-c", Path.Combine(dir.FullName, "nginx.conf"),
                "-e", Path.Combine(dir.FullName, "error.log"),
                "-g", $"daemon off; pid {Path.Combine(dir.FullName, "nginx.pid")};",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var proxy = new NginxProxy(dir, process, new Uri($"https://127.0.0.1:{port}/"));
        try
        {
            await proxy.WaitUntilListeningAsync(port);
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
        return proxy;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _dir.Delete(recursive: true);
    }

    /// <summary>The deploy template with this machine's port, certificate and upstream; every replaced line must exist.</summary>
    private static string SiteConfig(int port, int[] upstreamPorts, string certificate, string key)
    {
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "meetsite.conf"));
        (string From, string To)[] replacements =
        [
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;"),
            ("listen [::]:443 ssl http2;", ""),
            ("/etc/letsencrypt/live/meet.example.org/fullchain.pem", certificate),
            ("/etc/letsencrypt/live/meet.example.org/privkey.pem", key),
            ("server 127.0.0.1:5000;", string.Join("\n    ", upstreamPorts.Select(p => $"server 127.0.0.1:{p};"))),
        ];
        foreach (var (from, to) in replacements)
        {
            Assert.True(config.Contains(from, StringComparison.Ordinal), $"deploy/nginx/meetsite.conf no longer has \"{from}\".");
            config = config.Replace(from, to, StringComparison.Ordinal);
        }
        return config;
    }

    private static string MainConfig(string dir) => $$"""
        worker_processes 1;
        events { worker_connections 256; }
        http {
            access_log {{dir}}/access.log;
            client_body_temp_path {{dir}}/client_body;
            proxy_temp_path {{dir}}/proxy;
            fastcgi_temp_path {{dir}}/fastcgi;
            uwsgi_temp_path {{dir}}/uwsgi;
            scgi_temp_path {{dir}}/scgi;
            include {{dir}}/meetsite.conf;
        }
        """;

    private static (string Certificate, string Key) WriteSelfSignedCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var (certificatePath, keyPath) = (Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}): {await _process.StandardError.ReadToEndAsync()}{ErrorLog()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private string ErrorLog()
    {
        var path = Path.Combine(_dir.FullName, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
