using System.Diagnostics;
using LearningBot.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace LearningBot.Tests.Telemetry;

/// <summary>The one redaction step: URL templates, scrubbed text, and what the span and log processors keep.</summary>
public sealed class TelemetryRedactionTests
{
    [Theory]
    [InlineData(
        "https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/v3/conversations/a%3A1xYz9/activities/1700000000000",
        "https://smba.trafficmanager.net/amer/{id}/v3/conversations/{id}/activities/{id}")]
    [InlineData(
        "https://smba.trafficmanager.net/teams/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities",
        "https://smba.trafficmanager.net/teams/v3/conversations/{id}/activities")]
    [InlineData(
        "http://127.0.0.1:56150/_connector/v3/conversations/a:1conv/members/29:1-alex?pageSize=50",
        "http://127.0.0.1:56150/_connector/v3/conversations/{id}/members/{id}")]
    [InlineData("https://smba.trafficmanager.net/teams/v3/teams/19%3Ateam%40thread.tacv2/conversations", "https://smba.trafficmanager.net/teams/v3/teams/{id}/conversations")]
    [InlineData("https://graph.microsoft.com/v1.0/users/alex.morgan@contoso.org/manager?$select=displayName", "https://graph.microsoft.com/v1.0/users/{id}/manager")]
    [InlineData("https://graph.microsoft.com/v1.0/users/AlexMorgan", "https://graph.microsoft.com/v1.0/users/{id}")]
    [InlineData(
        "http://127.0.0.1:10002/devstoreaccount1/ConversationReferences(PartitionKey='personal',RowKey='4f1d9c2e-7b3a-4e5f-9a8b-c0d1e2f3a4b5')",
        "http://127.0.0.1:10002/devstoreaccount1/ConversationReferences({keys})")]
    [InlineData("https://learningbot.table.core.windows.net/Questions()?$filter=AskerKey%20eq%20'29%3A1-alex'", "https://learningbot.table.core.windows.net/Questions()")]
    [InlineData("https://learningbot.table.core.windows.net/Tables('Questions')", "https://learningbot.table.core.windows.net/Tables({keys})")]
    [InlineData("https://learningbot.table.core.windows.net/$batch", "https://learningbot.table.core.windows.net/$batch")]
    [InlineData("https://user:secret@example.org/reviews/0f6a2b9c3d4e4a518b7c9e1d2f3a4b50/print?sig=abc#top", "https://example.org/reviews/{id}/print")]
    public void Urls_keep_host_and_path_template_but_no_ids_keys_or_query(string url, string expected)
    {
        Assert.Equal(expected, TelemetryRedaction.Url(url));
    }

    [Fact]
    public void Free_text_loses_urls_emails_quoted_values_ids_and_long_numbers()
    {
        const string text =
            "Reply to a:1conv for alex.morgan@example.org ('Alex Morgan') refused by https://smba.example/v3/conversations/a%3A1conv/activities?who=alex " +
            "(user 29:1-alex, object 4f1d9c2e-7b3a-4e5f-9a8b-c0d1e2f3a4b5, NHS 943 476 5919)\nContent:\n{\"secret\":\"body\"}";

        var redacted = TelemetryRedaction.Text(text);

        Assert.Equal(
            "Reply to {id} for {email} ('{value}') refused by https://smba.example/v3/conversations/{id}/activities " +
            "(user {id}, object {id}, NHS {n})",
            redacted);
    }

    [Theory]
    [InlineData("sent Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln to the connector", "sent Authorization: Bearer {token} to the connector")]
    [InlineData("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln was refused", "token {token} was refused")]
    [InlineData("Basic dXNlcjpwYXNz and SharedKey acct:c2lnbmF0dXJl", "Basic {token} and SharedKey {token}")]
    [InlineData("/reviews/print?exp=1767225600&sig=Q2xlYXJseU5vdA-_x", "/reviews/print?exp={n}&sig={value}")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0a2V5Cg==;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={value};EndpointSuffix=core.windows.net")]
    [InlineData("sv=2024-11-04&se=2026-01-01&sig=abc%2Bdef%3D", "sv={value}&se={value}&sig={value}")]
    [InlineData("Basic life support and bearer of news: Bearer tokens", "Basic life support and bearer of news: Bearer tokens")]
    public void Free_text_loses_tokens_and_signatures(string text, string expected)
    {
        Assert.Equal(expected, TelemetryRedaction.Text(text));
    }

    [Fact]
    public void Log_and_exception_text_also_loses_a_patients_name_that_the_id_rules_miss()
    {
        const string text = "Could not save the note for my patient John Smith, call +44 (0)20 7946 0958";

        Assert.Contains("John Smith", TelemetryRedaction.Text(text), StringComparison.Ordinal);
        Assert.Equal("Could not save the note for my patient [name removed], call +44 (0){n}", TelemetryRedaction.FreeText(text));
    }

    [Fact]
    public void Span_processor_templates_urls_drops_queries_and_users_and_scrubs_the_status()
    {
        using var span = new Activity("PUT");
        span.SetTag("url.full", "http://127.0.0.1:10002/devstoreaccount1/People(PartitionKey='p',RowKey='29%3A1-alex')?timeout=30");
        span.SetTag("url.query", "?who=alex");
        span.SetTag("enduser.id", "29:1-alex");
        span.SetTag("server.address", "127.0.0.1");
        span.SetTag("az.namespace", "Microsoft.Tables");
        span.SetTag("http.response.status_code", 404);
        span.SetStatus(ActivityStatusCode.Error, "Entity 'Alex Morgan' for alex@example.org not found");

        new SpanRedactionProcessor().OnEnd(span);

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/People({keys})", span.GetTagItem("url.full"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Null(span.GetTagItem("enduser.id"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal("Microsoft.Tables", span.GetTagItem("az.namespace"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("Entity '{value}' for {email} not found", span.StatusDescription);
    }

    [Fact]
    public void Span_processor_redacts_every_tag_of_a_name_added_twice()
    {
        using var span = new Activity("GET");
        span.AddTag("url.full", "https://acct.table.core.windows.net/People(PartitionKey='p',RowKey='29%3A1-alex')");
        span.AddTag("url.full", "https://acct.table.core.windows.net/People(PartitionKey='p',RowKey='29%3A1-morgan')");

        new SpanRedactionProcessor().OnEnd(span);

        var values = span.TagObjects.Where(tag => tag.Key == "url.full").Select(tag => tag.Value).ToList();
        Assert.Equal(["https://acct.table.core.windows.net/People({keys})"], values);
    }

    [Fact]
    public void Span_processor_names_an_inbound_request_path_by_its_route()
    {
        using var span = new Activity("GET /reviews/{id}/print");
        span.SetTag("http.route", "/reviews/{id}/print");
        span.SetTag("url.path", "/reviews/0f6a2b9c3d4e4a518b7c9e1d2f3a4b50/print");
        span.SetTag("url.query", "?sig=abc&person=29%3A1-alex");

        new SpanRedactionProcessor().OnEnd(span);

        Assert.Equal("/reviews/{id}/print", span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal("GET /reviews/{id}/print", span.DisplayName);
    }

    [Fact]
    public void Log_processor_exports_only_safe_values_and_rebuilds_the_message_without_the_others()
    {
        var logs = new List<LogRecord>();
        using (var factory = Logs(logs))
        {
            factory.CreateLogger("LearningBot.Test").LogInformation(
                "Manager {ManagerId} answered ticket {TicketId} in {ElapsedMs:0} ms for {UserName} (attempt {Attempt})",
                "29:1-alex", "LD-7KQ2-M4XD", 12.6, "Alex Morgan", 2);
        }

        var log = Assert.Single(logs);
        Assert.Equal("Manager {ManagerId} answered ticket LD-7KQ2-M4XD in 13 ms for {UserName} (attempt 2)", log.FormattedMessage);
        var names = log.Attributes!.Select(attribute => attribute.Key).ToList();
        Assert.Equal(["TicketId", "ElapsedMs", "Attempt", LogRedactionProcessor.OriginalFormat], names);
    }

    [Fact]
    public void Log_processor_scrubs_messages_without_a_template_and_exceptions()
    {
        var logs = new List<LogRecord>();
        using (var factory = Logs(logs))
        {
            var failure = new InvalidOperationException(
                "Could not read 'Alex Morgan' at https://graph.microsoft.com/v1.0/users/alex@example.org",
                new FormatException("The input string '29:1-alex' was not in a correct format."));
            factory.CreateLogger("Azure.Core").Log(
                LogLevel.Warning, new EventId(7), "event", failure,
                (_, _) => "Request failed: PUT https://acct.table.core.windows.net/People(PartitionKey='p',RowKey='29%3A1-alex')?sig=x");
        }

        var log = Assert.Single(logs);
        Assert.Equal("Request failed: PUT https://acct.table.core.windows.net/People({keys})", log.FormattedMessage);
        var exception = Assert.IsType<RedactedException>(log.Exception);
        Assert.Equal("System.InvalidOperationException", exception.OriginalType);
        Assert.Contains(log.Attributes!, attribute => attribute.Key == LogRedactionProcessor.ExceptionType && (string?)attribute.Value == "System.InvalidOperationException");
        Assert.Equal("Could not read '{value}' at https://graph.microsoft.com/v1.0/users/{id}", exception.Message);
        var inner = Assert.IsType<RedactedException>(exception.InnerException);
        Assert.Equal("The input string '{value}' was not in a correct format.", inner.Message);
        Assert.DoesNotContain("alex", exception.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Log_processor_keeps_an_exception_whose_messages_are_clean_and_null_values()
    {
        var logs = new List<LogRecord>();
        var failure = new TimeoutException("No answer within 00:00:05.", new IOException("Connection reset by peer."));
        using (var factory = Logs(logs))
        {
            factory.CreateLogger("LearningBot.Test").LogWarning(failure, "Bot Connector {Operation} failed with {Code}/{SubCode}", "ReplyToActivity", "Timeout", null);
        }

        var log = Assert.Single(logs);
        Assert.Same(failure, log.Exception);
        Assert.Equal("Bot Connector ReplyToActivity failed with Timeout/(null)", log.FormattedMessage);
    }

    [Theory]
    [InlineData("/devstoreaccount1/Questions(PartitionKey='2025-11',RowKey='2025-11.ab12cd34ef56')", "Questions")]
    [InlineData("/People()", "People")]
    [InlineData("/Tables('Questions')", "Tables")]
    [InlineData("/$batch", "$batch")]
    [InlineData("/devstoreaccount1/Questions", "Questions")]
    [InlineData("/x/we%20ird(", "unknown")]
    public void Storage_latency_is_tagged_with_the_table_name_only(string path, string table)
    {
        Assert.Equal(table, StorageLatencyPolicy.TableOf(path));
    }

    private static ILoggerFactory Logs(List<LogRecord> exported) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Debug)
        .AddOpenTelemetry(options =>
        {
            options.IncludeFormattedMessage = true;
            options.AddProcessor(new LogRedactionProcessor());
            options.AddInMemoryExporter(exported);
        }));
}
