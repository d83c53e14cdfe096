using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>Requests an attacker or a careless client sends (issue 16): bad text, wrong types, oversized bodies.</summary>
public sealed class HttpHardeningTests
{
    private static ByteArrayContent Body(byte[] bytes, string contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static ByteArrayContent Body(string text, string contentType = "application/json") => Body(Encoding.UTF8.GetBytes(text), contentType);

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("error").GetString()!;
    }

    private static byte[] Concat(ReadOnlySpan<byte> before, byte invalid, ReadOnlySpan<byte> after) => [.. before, invalid, .. after];

    public static TheoryData<byte[]> BadText => new()
    {
        Encoding.UTF8.GetBytes("{\"patient_id\":\"\\ud800\"}"),
        Encoding.UTF8.GetBytes("{\"\\ud800\":1}"),
        Encoding.UTF8.GetBytes("[{\"patient_id\":\"A\",\"treatment\":\"\\udfff x\"}]"),
        Concat("{\"patient_id\":\""u8, 0xFF, "\"}"u8),
        Concat("{\""u8, 0xC3, "\":1}"u8),
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Text_that_is_not_valid_unicode_is_a_400_with_a_message(byte[] body)
    {
        await using var host = await WorkerHost.StartAsync();
        using var response = await host.Client.PostAsync("/v1/score", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thousands_of_random_and_mutated_bodies_never_get_a_5xx_and_the_server_stays_healthy()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Http:MaxRequestBytes=65536");
        var rows = Cohorts.Rows(3);
        var seeds = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(Cohorts.ToJsonObject(rows[0])),
            Encoding.UTF8.GetBytes("[" + string.Join(",", rows.Select(Cohorts.ToJsonObject)) + "]"),
        };
        var random = new Random(16);
        string[] fragments = ["\\ud800", "\\udc00", "\\u0000", "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "1e999", "-0", "\u00ff", "true", "\"patient_id\":"];
        byte[] Mutate(byte[] seed)
        {
            var bytes = seed.ToList();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits && bytes.Count > 0; e++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(fragments[random.Next(fragments.Length)])); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                    default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(40)))); break;
                }
            }
            return [.. bytes];
        }
        byte[] RandomBody()
        {
            var bytes = new byte[random.Next(64)];
            random.NextBytes(bytes);
            return bytes;
        }

        var statuses = new Dictionary<HttpStatusCode, int>();
        var deadline = DateTime.UtcNow.AddSeconds(40);
        int sent = 0;
        for (; sent < 3000 && DateTime.UtcNow < deadline; sent++)
        {
            byte[] body = sent % 10 == 0 ? RandomBody() : Mutate(seeds[sent % seeds.Count]);
            using var response = await host.Client.PostAsync("/v1/score", Body(body));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500,
                $"body {Convert.ToBase64String(body)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            // Every refusal says why: a JSON error, or per-patient errors when every patient was invalid (422).
            if (response.StatusCode != HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.True(answer.RootElement.TryGetProperty("error", out _) || answer.RootElement.GetProperty("errors").GetArrayLength() > 0);
            }
        }
        Assert.True(sent >= 1000, $"only {sent} bodies were sent in the time allowed");
        Assert.True(statuses.Count >= 3, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));

        Assert.Equal("live", await host.Client.GetStringAsync("/health/live"));
        using var good = await host.Client.PostAsync("/v1/score", Body(seeds[1]));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.DoesNotContain(host.Log.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task An_oversized_body_gets_the_json_error_shape_and_no_stack_trace_in_the_log()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Http:MaxRequestBytes=4096");
        string big = "[" + string.Join(",", Enumerable.Repeat(Cohorts.ToJsonObject(Cohorts.Rows(1)[0]), 20)) + "]";
        using var sized = await host.Client.PostAsync("/v1/score", Body(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Contains("4096", await ErrorOf(sized), StringComparison.Ordinal);

        // Chunked: no Content-Length, so the limit is hit while the body arrives.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/score") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Contains("4096", await ErrorOf(streamed), StringComparison.Ordinal);

        Assert.DoesNotContain(host.Log.Entries, e => e.Error is not null || e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task A_non_json_content_type_is_415_and_a_byte_order_mark_is_accepted()
    {
        await using var host = await WorkerHost.StartAsync();
        string patient = Cohorts.ToJsonObject(Cohorts.Rows(1)[0]);
        using var text = await host.Client.PostAsync("/v1/score", Body(patient, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Contains("application/json", await ErrorOf(text), StringComparison.Ordinal);
        using var form = await host.Client.PostAsync("/v1/score", Body(patient, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);

        using var withBom = await host.Client.PostAsync("/v1/score", Body([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(patient)], "application/json; charset=utf-8"));
        Assert.Equal(HttpStatusCode.OK, withBom.StatusCode);
        using var problemJson = await host.Client.PostAsync("/v1/score", Body(patient, "application/vnd.patients+json"));
        Assert.Equal(HttpStatusCode.OK, problemJson.StatusCode);
    }

    [Fact]
    public async Task An_omitted_key_is_a_missing_value_exactly_like_null()
    {
        await using var host = await WorkerHost.StartAsync();
        string patient = Cohorts.ToJsonObject(Cohorts.Rows(1)[0]);
        using var doc = JsonDocument.Parse(patient);
        string withNull = JsonSerializer.Serialize(doc.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Name is "treatment" or "ecog_ps" ? null : (object?)p.Value));
        string omitted = JsonSerializer.Serialize(doc.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("treatment" or "ecog_ps")).ToDictionary(p => p.Name, p => p.Value));

        using var a = await host.Client.PostAsync("/v1/score", Body(withNull));
        using var b = await host.Client.PostAsync("/v1/score", Body(omitted));
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        using var left = JsonDocument.Parse(await a.Content.ReadAsStringAsync());
        using var right = JsonDocument.Parse(await b.Content.ReadAsStringAsync());
        Assert.Equal(left.RootElement.GetProperty("results")[0].GetProperty("probability").GetDouble(),
            right.RootElement.GetProperty("results")[0].GetProperty("probability").GetDouble());

        // No identifier at all: a per-patient error in HTTP terms, no command-line advice.
        using var anonymous = await host.Client.PostAsync("/v1/score", Body("{\"age_years\":60}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, anonymous.StatusCode);
        string answer = await anonymous.Content.ReadAsStringAsync();
        Assert.Contains("patient_id", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("--", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_can_come_from_a_file()
    {
        await using var host = WorkerHost.Create();
        string keyFile = Path.Combine(host.Root, "api-key");
        File.WriteAllText(keyFile, "from-a-file\n");
        await host.StartAppAsync($"--Worker:Http:ApiKeyFile={keyFile}");
        using var without = await host.Client.GetAsync("/v1/model");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/v1/model") { Headers = { { "X-Api-Key", "from-a-file" } } };
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(right)).StatusCode);
    }
}
