using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace EdgeEmotion.Hosting.Web;

/// <summary>The built dashboard (dashboard/public, copied beside the program) at <c>/</c>, as the
/// daemon and the collector serve it.</summary>
public static class StaticPage
{
    public static void Serve(IApplicationBuilder app, string folder)
    {
        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = NoCache });
    }

    /// <summary>An updated package's page must not be mixed with a cached old bundle.</summary>
    private static void NoCache(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = "no-cache";
}
