using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Roster.Tests.Infrastructure;

/// <summary>A response read once: status, headers and the JSON body (if it is JSON).</summary>
public sealed class ApiResponse(HttpResponseMessage message, string body)
{
    public HttpStatusCode Status => message.StatusCode;
    public int Code => (int)message.StatusCode;
    public string Body => body;
    public HttpResponseMessage Message => message;

    public string? Header(string name) =>
        message.Headers.TryGetValues(name, out var values) || message.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values) : null;

    public JsonElement Json
    {
        get
        {
            Assert.Equal("application/json", message.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(body).RootElement;
        }
    }

    /// <summary>Asserts a v1_1-style success: 200 with a JSON object body.</summary>
    public JsonElement Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {Code}: {body}");
        var json = Json;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.False(json.TryGetProperty("error", out _), "A success must not carry an 'error' key.");
        return json;
    }

    /// <summary>Asserts an error of the given status in the shape {"error":{"message":"…"}} and returns the message.</summary>
    public string Error(int status)
    {
        Assert.True(Code == status, $"Expected {status}, got {Code}: {body}");
        return ErrorMessage();
    }

    public string ErrorMessage()
    {
        var json = Json;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        var message = json.GetProperty("error").GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message), "The error message must not be empty.");
        return message!;
    }

    public override string ToString() => $"{Code} {body}";
}

public static class Http
{
    public static async Task<ApiResponse> SendAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync());
    }

    public static Task<ApiResponse> GetJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> PostJsonAsync(this HttpClient client, string path, object? body = null) =>
        client.SendAsync(HttpMethod.Post, path, body is null ? null : Json(body));

    public static Task<ApiResponse> PutJsonAsync(this HttpClient client, string path, object? body = null) =>
        client.SendAsync(HttpMethod.Put, path, body is null ? null : Json(body));

    public static Task<ApiResponse> DeleteJsonAsync(this HttpClient client, string path, HttpContent? body = null) =>
        client.SendAsync(HttpMethod.Delete, path, body);

    public static HttpContent Json(object body) => Raw(JsonSerializer.Serialize(body), "application/json");

    public static HttpContent Raw(string text, string? contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static HttpContent Form(params (string Key, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static HttpContent Multipart(params (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }
        return content;
    }

    /// <summary>JSON sent with Transfer-Encoding: chunked (no Content-Length), as CloudinaryDotNet does.</summary>
    public static HttpContent ChunkedJson(object body)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        return content;
    }

    public static IEnumerable<string> Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!);
}
