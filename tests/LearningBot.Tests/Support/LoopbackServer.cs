using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Support;

/// <summary>A quiet Kestrel server on a free loopback port that answers every request with one stub's handler.</summary>
internal static class LoopbackServer
{
    /// <summary>Builds the app, makes the stub around it, starts it, and returns the stub with its base address (no trailing '/').</summary>
    public static async Task<(T Stub, string Address)> StartAsync<T>(Func<WebApplication, T> create, Func<T, RequestDelegate> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = create(app);
        app.Run(handler(stub));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (stub, address.TrimEnd('/'));
    }
}
