using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>
/// One browser's worth of HTTP: its own cookies (kept by hand, so a test can copy or replay
/// them), form posts with the page's anti-forgery token, and sign-in with the second factor.
/// </summary>
public sealed class WebSession(HttpClient client, AftercareFactory factory)
{
    private static readonly HtmlParser Parser = new();
    public Dictionary<string, string> Cookies { get; } = new();

    public async Task<HttpResponseMessage> Get(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await Send(request);
    }

    /// <summary>A GET as part of the trace <paramref name="traceId"/> (a W3C traceparent header), so what the request does can be picked out of everything the application traces.</summary>
    public async Task<HttpResponseMessage> GetTraced(string url, System.Diagnostics.ActivityTraceId traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        return await Send(request);
    }

    public async Task<IDocument> GetPage(string url)
    {
        var response = await Get(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return Parser.ParseDocument(html);
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Asserts a redirect; on failure says what the page showed instead (its error summary, or its heading).</summary>
    public static async Task<string> AssertRedirect(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect) return response.Headers.Location!.OriginalString;
        var page = Parse(await response.Content.ReadAsStringAsync());
        var said = page.QuerySelector(".nhsuk-error-summary")?.TextContent ?? page.QuerySelector("h1")?.TextContent ?? "";
        Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {said.Trim()}");
        return "";
    }

    /// <summary>Opens the page that holds the form (for its token) and posts the fields to it, or to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostForm(string pageUrl, IDictionary<string, string?> fields, string? action = null)
    {
        var page = await GetPage(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"No anti-forgery token on {pageUrl}");
        // Like a browser, send the page's hidden fields (a form's version, say) unless the test sets them.
        var all = new Dictionary<string, string?>();
        foreach (var hidden in page.QuerySelectorAll("main input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name && name != "__RequestVerificationToken") all[name] = hidden.GetAttribute("value");
        foreach (var f in fields) all[f.Key] = f.Value;
        return await PostWithToken(action ?? pageUrl, token, all);
    }

    /// <summary>Opens the page that holds an upload form (for its token) and posts a file to it, as a browser's file upload does.</summary>
    public async Task<HttpResponseMessage> PostFile(string pageUrl, string field, string fileName, byte[] content, string contentType = "application/json")
    {
        var page = await GetPage(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"No anti-forgery token on {pageUrl}");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, pageUrl) { Content = form };
        return await Send(request);
    }

    public async Task<HttpResponseMessage> PostWithToken(string url, string? token, IDictionary<string, string?> fields)
    {
        var values = fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)).ToList();
        if (token is not null) values.Add(new("__RequestVerificationToken", token));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        return await Send(request);
    }

    public Task SignIn(StaffAccount account) => SignInWithSecondFactor(account.Email, account.Password, account.TotpKey);

    /// <summary>Someone of a receiving service signs in as staff do (password, then second factor) and lands on their service's referrals.</summary>
    public async Task SignIn(ServiceUserAccount account)
    {
        await SignInWithSecondFactor(account.Email, account.Password, account.TotpKey);
        var response = await Get("/");
        Assert.Equal("/service", response.Headers.Location?.OriginalString);
    }

    private async Task SignInWithSecondFactor(string email, string password, string? totpKey)
    {
        var response = await PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/account/two-factor"))
        {
            response = await PostForm("/account/two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(totpKey!, DateTimeOffset.UtcNow) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    /// <summary>A patient signs in with their password only (their second factor is optional) and lands on their own pages.</summary>
    public async Task SignIn(PatientAccount account)
    {
        var response = await PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = account.Email, ["Form.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        response = await Get("/");
        Assert.Equal("/my", response.Headers.Location?.OriginalString);
    }

    /// <summary>Presses the header's "Sign out" button as a browser would; the form carries no anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SignOut(string from = "/")
    {
        var form = (await GetPage(from)).QuerySelector("form.nhsuk-header__account-form") ?? throw new InvalidOperationException("No sign-out button in the header");
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        return await PostWithToken(form.GetAttribute("action")!, null, new Dictionary<string, string?>());
    }

    /// <summary>A form posted from another site: the browser marks it so, and sends no SameSite=Strict cookie with it.</summary>
    public async Task<HttpResponseMessage> PostFromAnotherSite(string url, bool withCookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        if (!withCookies) return await client.SendAsync(request);
        return await Send(request);
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=');
                var name = pair[..eq];
                var value = pair[(eq + 1)..];
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (expired) Cookies.Remove(name); else Cookies[name] = value;
            }
        }
        return response;
    }

    public WebSession Clone()
    {
        var copy = factory.NewSession();
        foreach (var c in Cookies) copy.Cookies[c.Key] = c.Value;
        return copy;
    }
}
