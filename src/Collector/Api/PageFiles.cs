using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace EdgeEmotion.Collector.Api;

/// <summary>The built dashboard (dashboard/public, copied beside the program) at <c>/</c>, as the
/// daemon serves it: the page knows it is served by a collector when <c>/api/v1/health</c> answers.</summary>
public static class PageFiles
{
    /// <returns>Whether the page is served (its index.html is in <paramref name="folder"/>).</returns>
    public static bool Serve(WebApplication app, string? folder)
    {
        if (folder is null || !File.Exists(Path.Combine(folder, "index.html")))
        {
            return false;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = NoCache });
        return true;
    }

    /// <summary>An updated package's page must not be mixed with a cached old bundle.</summary>
    private static void NoCache(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = "no-cache";
}
