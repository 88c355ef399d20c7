using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>What the manager and the person type in a review is scrubbed before it is stored, and they see what was removed.</summary>
public sealed class ReviewScrubbingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string NhsNumber = "943 476 5919";
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_review_step_with_an_nhs_number_comes_back_scrubbed_and_nothing_identifiable_is_stored()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);

        var back = await _h.NextAsync(card, "Save and continue", new JsonObject
        {
            ["wentWell"] = $"Calm with Mrs Joan Smith ({NhsNumber}) during her move.",
            ["evenBetter"] = "Ring the family back on 07700 900123 the same day.",
        });

        var shown = CardJson.Readable(back);
        Assert.Contains("Step 1 of 4", shown, StringComparison.Ordinal);
        Assert.Contains("I removed a name, an NHS number and a phone number from what you wrote", shown, StringComparison.Ordinal);
        var wentWell = CardJson.ById(back, "wentWell")["value"]!.GetValue<string>();
        Assert.Contains("[NHS number removed]", wentWell, StringComparison.Ordinal);
        await AssertNothingStoredContainsAsync(NhsNumber, "9434765919", "Joan Smith", "07700 900123");

        // The scrubbed text scrubs to itself: pressing again moves on, with no note.
        var next = await _h.NextAsync(back, "Save and continue", new JsonObject
        {
            ["wentWell"] = wentWell,
            ["evenBetter"] = CardJson.ById(back, "evenBetter")["value"]!.GetValue<string>(),
        });
        Assert.Contains("Step 2 of 4", CardJson.Readable(next), StringComparison.Ordinal);
        Assert.DoesNotContain("I removed", CardJson.Readable(next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_free_text_answer_in_a_full_review_is_stored_scrubbed()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await PassAsync(card, new JsonObject { ["wentWell"] = "Steady.", ["evenBetter"] = "Notes on time." });
        card = await PassAsync(card, new JsonObject { ["personView"] = $"Worried about Mr Brown in bed 4, NHS {NhsNumber}, DOB 03/04/1951." });
        card = await PassAsync(card, new JsonObject
        {
            ["objective1What"] = "Shadow the nurse who cares for Mrs Patel",
            ["objective1When"] = "2027-03-31",
            ["objective1Measure"] = "Call 0161 496 0000 to confirm",
        });
        card = await PassAsync(card, new JsonObject
        {
            ["learningTopics"] = "Hoisting at 27 Acacia Avenue",
            ["concern"] = "Email jo@example.org about it",
            ["overall"] = "on-track",
        }, "Check the summary");

        Assert.Contains("Summary", CardJson.Readable(card), StringComparison.Ordinal);
        await AssertNothingStoredContainsAsync(NhsNumber, "Brown", "1951", "Patel", "0161 496 0000", "Acacia", "jo@example.org");
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal("2027-03-31", Assert.Single(draft!.Objectives).ByWhen);
    }

    [Theory]
    [InlineData("Signed off by 31 March 2027")]
    [InlineData("Signed off by 31 March")]
    [InlineData("Certificate on file by 31/03/2027")]
    public async Task An_objective_measure_with_a_future_target_date_is_kept_as_written(string measure)
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Steady." });
        card = await _h.NextAsync(card, "Save and continue");

        var next = await _h.NextAsync(card, "Save and continue", new JsonObject
        {
            ["objective1What"] = "Finish the medicines e-learning",
            ["objective1When"] = "2027-03-31",
            ["objective1Measure"] = measure,
        });

        Assert.Contains("Step 4 of 4", CardJson.Readable(next), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal(measure, Assert.Single(draft!.Objectives).Measure);
    }

    [Fact]
    public async Task The_persons_own_view_with_a_phone_number_comes_back_to_them_and_reaches_the_manager_only_scrubbed()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Steady." });
        await _h.NextAsync(card, "Ask Tom first");
        var askCard = JsonNode.Parse(Assert.Single(_h.CardsSentTo(_h.Tom)))!.AsObject();
        var managerTexts = _h.TextsSentTo(ReviewHarness.Manager).Count;

        var back = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, askCard, "Send to Priya", new JsonObject { ["ownView"] = "Text me on 07700 900123 about Mrs Joan Smith." }));

        Assert.Contains("I removed a phone number and a name", CardJson.Readable(back), StringComparison.Ordinal);
        var scrubbed = CardJson.ById(back, "ownView")["value"]!.GetValue<string>();
        Assert.Contains("[phone number removed]", scrubbed, StringComparison.Ordinal);
        Assert.Equal(managerTexts, _h.TextsSentTo(ReviewHarness.Manager).Count);
        await AssertNothingStoredContainsAsync("07700 900123", "Joan Smith");

        var thanks = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, back, "Send to Priya", new JsonObject { ["ownView"] = scrubbed }));
        Assert.Contains("Thank you", CardJson.Readable(thanks), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal(scrubbed, draft!.PersonOwnView);
    }

    [Fact]
    public async Task An_acknowledgment_comment_with_an_email_address_comes_back_scrubbed_before_it_is_saved()
    {
        await _h.RunFullReviewAsync();
        var review = (await _h.LatestReviewAsync(_h.Tom.AadObjectId))!;
        var data = new JsonObject { ["reviewId"] = review.ReviewId, ["managerId"] = review.ManagerId };

        var back = CardJson.FromInvoke(await _h.PressAsync(_h.Tom, "review.acknowledge", new JsonObject
        {
            ["reviewId"] = review.ReviewId, ["managerId"] = review.ManagerId, ["comment"] = "Agreed. Send the notes to tom.okafor@example.org",
        }));

        Assert.Contains("I removed an email address", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Null((await _h.LatestReviewAsync(_h.Tom.AadObjectId))!.AcknowledgedAt);
        var scrubbed = CardJson.ById(back, "comment")["value"]!.GetValue<string>();

        var acknowledged = CardJson.FromInvoke(await _h.PressAsync(_h.Tom, "review.acknowledge", new JsonObject
        {
            ["reviewId"] = review.ReviewId, ["managerId"] = review.ManagerId, ["comment"] = scrubbed,
        }));
        Assert.Contains("You acknowledged", CardJson.Readable(acknowledged), StringComparison.Ordinal);
        Assert.Equal("Agreed. Send the notes to [email address removed]", (await _h.LatestReviewAsync(_h.Tom.AadObjectId))!.PersonComment);
        await AssertNothingStoredContainsAsync("tom.okafor@example.org");
    }

    /// <summary>Saves a step whose answers hold identifiers: it comes back scrubbed with a note, and the second press moves on.</summary>
    private async Task<JsonObject> PassAsync(JsonObject card, JsonObject inputs, string button = "Save and continue")
    {
        var back = await _h.NextAsync(card, button, inputs);
        var hasFreeText = inputs.Any(i => i.Key is not ("overall" or "objective1When"));
        if (!CardJson.Readable(back).Contains("I removed", StringComparison.Ordinal))
        {
            return back;
        }

        Assert.True(hasFreeText);
        var scrubbed = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            scrubbed[key] = CardJson.HasId(back, key) && CardJson.ById(back, key)["value"] is { } shown ? shown.DeepClone() : value?.DeepClone();
        }

        var next = await _h.NextAsync(back, button, scrubbed);
        Assert.DoesNotContain("I removed", CardJson.Readable(next), StringComparison.Ordinal);
        return next;
    }

    /// <summary>Every row of the review table, every property: none holds any of <paramref name="identifiers"/>.</summary>
    private async Task AssertNothingStoredContainsAsync(params string[] identifiers)
    {
        var table = azurite.Table(ReviewStore.TableName);
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            foreach (var (key, value) in row)
            {
                // Ids are random hex ("…d7d935195153…" once held "1951"): only what people wrote is checked.
                var text = System.Text.RegularExpressions.Regex.Replace(value?.ToString() ?? string.Empty, "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}", string.Empty);
                Assert.All(identifiers, identifier => Assert.DoesNotContain(identifier, text, StringComparison.OrdinalIgnoreCase));
            }
        }
    }
}
