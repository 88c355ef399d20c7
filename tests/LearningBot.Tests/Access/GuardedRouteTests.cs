using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Access;

/// <summary>
/// Every route of the real bot that requires a role, pressed by someone who holds no role and by someone who holds only
/// another one, with card data as favourable as it can be (every key our cards use, ids of real records): each is refused
/// in the route's own plain words, nothing in storage changes, no queue message is added and nothing is sent but the
/// refusal. The guarded routes are also listed in docs/roles.md, generated from the same table.
/// </summary>
public sealed class GuardedRouteTests(GuardedRouteTests.Host host) : IClassFixture<GuardedRouteTests.Host>
{
    private const string DocPath = "docs/roles.md";
    private const string DocStart = "<!-- guarded routes: generated from the route table by GuardedRouteTests; do not edit by hand -->";
    private const string DocEnd = "<!-- end of guarded routes -->";

    [Fact]
    public void The_bot_guards_card_actions_and_commands()
    {
        var guarded = host.GuardedRoutes;

        Assert.Contains(guarded, route => route.Kind == RouteKinds.CardAction);
        Assert.Contains(guarded, route => route.Kind == RouteKinds.Command);
        Assert.All(guarded, route => Assert.Contains(route.Guard!.Role, Roles.All));
    }

    [Fact]
    public async Task Someone_holding_no_role_is_refused_every_guarded_route_and_nothing_is_written()
    {
        var nobody = TestPerson.Unique("no-role", "Kit Lane");

        await AssertEveryGuardedRouteRefusedAsync(_ => Task.FromResult(nobody));
    }

    [Fact]
    public async Task Someone_holding_only_another_role_is_refused_every_guarded_route_and_nothing_is_written()
    {
        await AssertEveryGuardedRouteRefusedAsync(host.HolderOfAnotherRoleAsync);
    }

    [Fact]
    public void The_list_of_guarded_routes_in_the_docs_matches_the_route_table()
    {
        var path = Path.Combine(RepoPaths.Root, DocPath);
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = doc.IndexOf(DocStart, StringComparison.Ordinal);
        var end = doc.IndexOf(DocEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{DocPath} has lost its markers for the generated list of guarded routes.");
        var listed = doc[(start + DocStart.Length)..end];
        var table = "\n" + GuardedRoutesTable(host.GuardedRoutes);

        if (listed != table && Environment.GetEnvironmentVariable("LEARNINGBOT_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..(start + DocStart.Length)] + table + doc[end..]);
            return;
        }

        Assert.True(listed == table,
            $"{DocPath} does not match the route table. Run this test with LEARNINGBOT_WRITE_DOCS=1 to write it, or replace the list with:\n{table}");
    }

    /// <summary>The guarded routes as a Markdown table: capability, kind, what reaches the route, the role and who holds it.</summary>
    internal static string GuardedRoutesTable(IEnumerable<BotRoute> guarded)
    {
        var text = new StringBuilder()
            .Append("| capability | kind | route | role | held by |\n")
            .Append("|---|---|---|---|---|\n");
        foreach (var route in guarded.OrderBy(r => r.Capability, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var kind = route.Kind switch
            {
                RouteKinds.CardAction => "card button",
                RouteKinds.Command => "command",
                RouteKinds.Invoke => "invoke",
                RouteKinds.Activity => "activity",
                _ => route.Kind,
            };
            text.Append($"| {route.Capability} | {kind} | `{route.Name.Replace("|", "\\|", StringComparison.Ordinal)}` | {route.Guard!.Role.Name} | {route.Guard.Role.HeldBy} |\n");
        }

        return text.ToString();
    }

    private async Task AssertEveryGuardedRouteRefusedAsync(Func<Role, Task<TestPerson>> presserFor)
    {
        var bot = host.ForTest();
        var problems = new List<string>();
        var before = await host.SnapshotAsync();
        foreach (var route in host.GuardedRoutes)
        {
            var person = await presserFor(route.Guard!.Role);
            foreach (var (form, activity) in Presses(bot.Connector.ServiceUrl, route, person))
            {
                bot.Connector.Reset();
                var response = await bot.PostActivityAsync(activity);
                problems.AddRange((await RefusalProblemsAsync(bot, route, form, response)).Select(problem => $"{route.Kind} '{route.Name}' ({form}) by {person.Name}: {problem}"));
            }

            var after = await host.SnapshotAsync();
            problems.AddRange(before.Differences(after).Select(change => $"{route.Kind} '{route.Name}' by {person.Name} changed storage: {change}"));
            before = after;
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Each way the route can be reached: a card verb by Action.Execute and by Action.Submit, a command as typed, an invoke, an activity.</summary>
    private IEnumerable<(string Form, JsonObject Activity)> Presses(string serviceUrl, BotRoute route, TestPerson person)
    {
        switch (route.Kind)
        {
            case RouteKinds.CardAction:
                yield return ("Action.Execute", TeamsActivities.ExecuteAction(serviceUrl, route.Name, host.FavourableData(), person.ChatId, cardActivityId: "1:" + Guid.NewGuid().ToString("N"))
                    .From(person));
                var submit = TeamsActivities.SubmitAction(serviceUrl, route.Name, "1:" + Guid.NewGuid().ToString("N"), person.ChatId).From(person);
                foreach (var (key, value) in host.FavourableData())
                {
                    submit["value"]![key] = value?.DeepClone();
                }

                yield return ("Action.Submit", submit);
                break;
            case RouteKinds.Command:
                yield return ("typed", TeamsActivities.Message(serviceUrl, route.Name, person.ChatId).From(person));
                var withArgument = $"{route.Name} {host.RealIds.DigestEdition}";
                if (host.Routes.TryFindCommand(withArgument, out var found, out _) && found.Route == route)
                {
                    yield return ("typed with an argument", TeamsActivities.Message(serviceUrl, withArgument, person.ChatId).From(person));
                }

                break;
            case RouteKinds.Invoke:
                yield return ("invoke", TeamsActivities.Invoke(serviceUrl, route.Name, host.FavourableData()).InChatOf(person).From(person));
                break;
            default:
                yield return (route.Kind, TeamsActivities.Base(route.Name, serviceUrl, person.ChatId).From(person));
                break;
        }
    }

    private static async Task<IReadOnlyList<string>> RefusalProblemsAsync(BotTestHost bot, BotRoute route, string form, HttpResponseMessage response)
    {
        var problems = new List<string>();
        var refusal = route.Guard!.Refusal;
        var requests = bot.Connector.Requests;
        var expectedRequests = 0;
        switch (route.Kind)
        {
            case RouteKinds.CardAction when form == "Action.Execute":
            {
                var body = response.StatusCode == HttpStatusCode.OK ? await BotTestHost.ReadJsonAsync(response) : null;
                if (body?["type"]?.GetValue<string>() != CardJson.MessageType || body["value"]?.GetValue<string>() != refusal)
                {
                    problems.Add($"answered {(int)response.StatusCode} {body?.ToJsonString()}, not the refusal");
                }

                break;
            }

            case RouteKinds.CardAction or RouteKinds.Command:
                expectedRequests = 1;
                if (bot.Connector.Sent is not [{ Activity: { } sent }] || sent.Text != refusal || sent.Attachments is { Count: > 0 })
                {
                    problems.Add($"sent {string.Join(" / ", bot.Connector.Sent.Select(s => CardJson.Texts(s.Activity)))}, not the refusal alone");
                }

                break;
            case RouteKinds.Invoke when response.StatusCode != HttpStatusCode.Forbidden:
                problems.Add($"answered {(int)response.StatusCode}, not 403");
                break;
        }

        if (requests.Count != expectedRequests)
        {
            problems.Add($"made {requests.Count} Bot Connector calls ({string.Join(", ", requests.Select(r => $"{r.Method} {r.Path}"))}), expected {expectedRequests}");
        }

        return problems;
    }

    /// <summary>
    /// The real bot, one person in each configured role list, and records role holders made first (a ticket, a lead, a
    /// digest edition, a feedback signal, a good-practice example), so a handler that trusted a card's ids would find
    /// something to act on.
    /// </summary>
    public sealed class Host : BotHostFixture
    {
        private static readonly IReadOnlyList<string> RoleLists =
        [
            .. typeof(RoleOptions).GetProperties()
                .Where(property => property.PropertyType == typeof(IReadOnlyList<string>))
                .Select(property => property.Name),
        ];

        /// <summary>One person for each list in <c>Roles</c>, holding that list's role (and what it includes) only.</summary>
        public IReadOnlyDictionary<string, TestPerson> ListHolders { get; } =
            RoleLists.ToDictionary(list => list, list => TestPerson.Unique(list.ToLowerInvariant(), $"{list} Holder"));

        public IReadOnlyList<BotRoute> GuardedRoutes { get; private set; } = [];

        internal BotRoutes Routes => Bot.Services.GetRequiredService<BotRouter>().Routes;

        public RealRecords RealIds { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?>? Settings =>
            ListHolders.ToDictionary(pair => $"Roles:{pair.Key}:0", pair => (string?)pair.Value.AadObjectId);

        /// <summary>
        /// Without the background workers (outbox, deliveries, reminders, clean-ups), which write on their own schedule, so
        /// storage changes only when a press changes it. The loaders and seeding that make the bot ready stay. What a turn
        /// queues for a worker is written in the turn, so a press that queued anything still shows.
        /// </summary>
        protected override void ConfigureServices(IServiceCollection services)
        {
            foreach (var worker in services.Where(service => service.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                && service.ImplementationType?.Name.EndsWith("Loader", StringComparison.Ordinal) != true
                && service.ImplementationType?.Name.EndsWith("SeedingService", StringComparison.Ordinal) != true).ToList())
            {
                services.Remove(worker);
            }
        }

        private TestPerson SupportTeam => ListHolders[nameof(RoleOptions.SupportTeam)];

        protected override async Task StartedAsync()
        {
            GuardedRoutes = [.. Routes.All().Where(route => route.Guard is not null)];
            RealIds = await MakeRealRecordsAsync();

            // The role sources (the expert channel's team, the register of leads) make their tables on first read: done
            // here, as any earlier turn would have, so a table appearing is a write by the press.
            var roles = Bot.Services.GetRequiredService<IRoleCheck>();
            var stranger = new Caller("no-one", "no-one", "29:no-one", "No One", TeamsActivities.TenantId);
            foreach (var role in Roles.All)
            {
                await roles.HoldsAsync(stranger, role, CancellationToken.None);
            }

            await WaitForQuietAsync();
        }

        /// <summary>
        /// Someone configured for one role who does not hold <paramref name="role"/> (as the one place that decides says),
        /// so the route's refusal is the only thing between them and it.
        /// </summary>
        public async Task<TestPerson> HolderOfAnotherRoleAsync(Role role)
        {
            var roles = Bot.Services.GetRequiredService<IRoleCheck>();
            foreach (var person in ListHolders.Values)
            {
                var caller = new Caller(person.AadObjectId, person.AadObjectId, person.TeamsId, person.Name, TeamsActivities.TenantId);
                if (!await roles.HoldsAsync(caller, role, CancellationToken.None))
                {
                    return person;
                }
            }

            throw new InvalidOperationException($"Every configured person holds {role.Name}.");
        }

        /// <summary>A value for every key our cards use, as a card of ours would carry it, real ids where there are records.</summary>
        public JsonObject FavourableData()
        {
            var data = new JsonObject();
            foreach (var key in CardKeys.All.Where(key => key != "verb"))
            {
                data[key] = Favourable(key);
            }

            return data;
        }

        private JsonNode Favourable(string key) => key switch
        {
            "ticketId" or "fromQuestionId" => RealIds.TicketId,
            "id" or "articleId" or "related" => RealIds.ArticleId,
            "personKey" or "personId" or "managerId" or "person" or "lead" or "owner" or "manager" or "givenBy" or "receivedBy" => RealIds.LeadPersonKey,
            "number" => RealIds.DigestEdition,
            "signalId" => RealIds.SignalId,
            "exampleId" => RealIds.ExampleId,
            _ => CardKeys.Plausible(key),
        };

        /// <summary>Every row (partition, row, ETag) of every table but the two every turn writes, and every queue's length.</summary>
        public async Task<StorageSnapshot> SnapshotAsync()
        {
            var excluded = new[] { InboundActivityClaims.TableName, ConversationReferenceStore.TableName }
                .Select(Azurite.Storage.TableName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var prefix = Azurite.TablePrefix;
            var tables = new List<string>();
            await foreach (var table in Azurite.ServiceClient.QueryAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
            {
                if (!excluded.Contains(table.Name))
                {
                    tables.Add(table.Name);
                }
            }

            var rows = await Task.WhenAll(tables.Select(async name =>
            {
                var found = new List<string> { $"{name} (table)" };
                await foreach (var row in Azurite.ServiceClient.GetTableClient(name).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    found.Add($"{name} {row.PartitionKey} / {row.RowKey} @ {row.ETag}");
                }

                return found;
            }));

            var queues = new List<string>();
            await foreach (var queue in Azurite.Queues.Service.GetQueuesAsync(prefix: Azurite.Queues.Prefix))
            {
                var properties = await Azurite.Queues.Service.GetQueueClient(queue.Name).GetPropertiesAsync();
                queues.Add($"queue {queue.Name}: {properties.Value.ApproximateMessagesCount} messages");
            }

            return new StorageSnapshot([.. rows.SelectMany(found => found), .. queues]);
        }

        /// <summary>
        /// Records as role holders make them, through the bot where the flow is short (a ticket, a digest edition, a feedback
        /// signal, a good-practice example), through the store where it is not (an entry in the register of leads).
        /// </summary>
        private async Task<RealRecords> MakeRealRecordsAsync()
        {
            var serviceUrl = Bot.Connector.ServiceUrl;
            var asker = TestPerson.Unique("asker", "Ash Reed");
            var form = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(await Bot.PostActivityAsync(
                TeamsActivities.ExecuteAction(serviceUrl, EscalationVerbs.Escalate, new JsonObject { ["question"] = "How do I book the care certificate?" }, asker.ChatId).From(asker))));
            var submitted = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(
                serviceUrl, EscalationVerbs.Submit, EscalationScenario.Submit(EscalationScenario.ClientToken(form), "How do I book the care certificate?"), asker.ChatId).From(asker));
            submitted.EnsureSuccessStatusCode();
            var ticket = await Azurite.Table(TicketStore.TableName)
                .QueryAsync<TicketEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {TicketEntity.TicketRowKey}"))
                .FirstAsync();

            var register = Bot.Services.GetRequiredService<LearningBot.Leads.LeadRegister>();
            var details = new LearningBot.Leads.LeadDetails(
                LearningBot.Privacy.ScrubbedText.Empty, LearningBot.Privacy.ScrubbedText.Empty, LearningBot.Leads.LeadOrganisationKinds.All[0].Value, [], LearningBot.Leads.AlertPreferences.StraightAway);
            var lead = ListHolders[nameof(RoleOptions.Leads)];
            await register.AddAsync(LearningBot.Leads.LeadEntry.Create(details, lead.AadObjectId, lead.Name, SupportTeam.AadObjectId, DateTimeOffset.UtcNow), CancellationToken.None);

            await Bot.PostActivityAsync(TeamsActivities.Message(serviceUrl, "start digest", SupportTeam.ChatId).From(SupportTeam));
            var edition = await Bot.Services.GetRequiredService<LearningBot.Digest.DigestEditionStore>().LatestAsync(CancellationToken.None)
                ?? throw new InvalidOperationException("Starting a digest made no edition.");

            // The support team holds the liaison role: a feedback signal logged from the form, as liaison staff log one.
            var signalForm = await PressForCardAsync(SupportTeam, LearningBot.FeedbackSignals.SignalVerbs.Start, []);
            var answers = LearningBot.Tests.FeedbackSignals.SignalHarness.Answers();
            foreach (var (key, value) in CardJson.ActionByVerb(signalForm, LearningBot.FeedbackSignals.SignalVerbs.Log)["data"]!.AsObject())
            {
                answers[key] = value?.DeepClone();
            }

            await PressForCardAsync(SupportTeam, LearningBot.FeedbackSignals.SignalVerbs.Log, answers);
            var signalId = LearningBot.FeedbackSignals.FeedbackSignal.IdFor(SupportTeam.AadObjectId, LearningBot.Tests.FeedbackSignals.SignalHarness.FormToken(signalForm));
            _ = await Bot.Services.GetRequiredService<LearningBot.FeedbackSignals.FeedbackSignalStore>().FindAsync(signalId, CancellationToken.None)
                ?? throw new InvalidOperationException("Logging a feedback signal stored none.");

            // An example of good practice entered on someone's behalf, which writes its draft straight away.
            await PressForCardAsync(SupportTeam, LearningBot.GoodPractice.GoodPracticeVerbs.Enter, []);
            var example = await Azurite.Table(LearningBot.GoodPractice.GoodPracticeStore.TableName)
                .QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {LearningBot.GoodPractice.GoodPracticeExample.Partition}"))
                .FirstAsync();

            return new RealRecords(ticket.Id, "care-certificate", lead.AadObjectId, edition.Number, signalId, example.RowKey);
        }

        private async Task<JsonObject> PressForCardAsync(TestPerson person, string verb, JsonObject data)
        {
            var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(Bot.Connector.ServiceUrl, verb, data, person.ChatId).From(person));
            response.EnsureSuccessStatusCode();
            return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        }

        /// <summary>Waits until what the set-up started (outbox deliveries, cards it sent) has settled, so a snapshot changes only when a press changes it.</summary>
        private async Task WaitForQuietAsync()
        {
            var last = await SnapshotAsync();
            var stillFor = 0;
            for (var attempt = 0; attempt < 40; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
                var now = await SnapshotAsync();
                stillFor = last.Differences(now).Any() ? 0 : stillFor + 1;
                if (stillFor == 4)
                {
                    return;
                }

                last = now;
            }

            throw new InvalidOperationException("Storage did not settle after the set-up.");
        }
    }

    /// <summary>Ids of records a role holder made before the presses.</summary>
    public sealed record RealRecords(string TicketId, string ArticleId, string LeadPersonKey, int DigestEdition, string SignalId, string ExampleId);

    /// <summary>Rows and queue lengths at one moment, each a line of text.</summary>
    public sealed record StorageSnapshot(IReadOnlyList<string> Lines)
    {
        public IEnumerable<string> Differences(StorageSnapshot later)
        {
            var before = Lines.ToHashSet(StringComparer.Ordinal);
            var after = later.Lines.ToHashSet(StringComparer.Ordinal);
            return before.Except(after).Select(line => "gone or changed: " + line)
                .Concat(after.Except(before).Select(line => "new or changed: " + line));
        }
    }
}
