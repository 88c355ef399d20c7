using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Tests.Support;

/// <summary>The host environment for tests that build services without a host (Development unless told otherwise).</summary>
public sealed class TestHostEnvironment(string environmentName = "Development") : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "LearningBot";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
