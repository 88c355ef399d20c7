using System.Text.RegularExpressions;

namespace LearningBot.Privacy;

/// <summary>
/// The regular expressions behind the detectors. Every one runs on <see cref="RegexOptions.NonBacktracking"/>, so
/// matching takes time in proportion to the text whatever is typed (no lookarounds or backreferences: what they would
/// check is checked in code after the match). They read <see cref="NormalisedText.Text"/>, so spaces are plain
/// spaces, digits ASCII and dashes <c>-</c>.
/// </summary>
internal static class IdentifierPatterns
{
    private const RegexOptions Exact = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const RegexOptions AnyCase = Exact | RegexOptions.IgnoreCase;

    /// <summary>A guard that cannot be reached in linear time on a bot message; if it ever is, scrubbing fails closed.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private const string Month =
        "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    private const string Local = @"[\w.%+'\-]+";

    private const string StreetType =
        "(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|Pl|Grove|Gardens|Gdns|Terrace|Walk|Row|Square|Sq"
        + "|Hill|Park|Mews|View|Rise|Green|Parade|Boulevard|Gate|Vale|Croft|Meadow|Meadows|Fold|Chase|Wynd|Circus|Mount|Brae|Loan|Garth|Cottages|Heights)";

    /// <summary><c>jo.bloggs@nhs.net</c>, also with spaces around the <c>@</c>.</summary>
    public static readonly Regex Email = new(Local + @" {0,2}@ {0,2}[\w\-]+(?:\.[\w\-]+)+", Exact, Timeout);

    /// <summary><c>jo[at]example[dot]org</c>, <c>jo (at) example (dot) co (dot) uk</c>.</summary>
    public static readonly Regex BracketedEmail = new(
        Local + @" {0,2}(?:\[ ?at ?\]|\( ?at ?\)|\{ ?at ?\}|< ?at ?>) {0,2}[\w\-]+(?: {0,2}(?:\[ ?dot ?\]|\( ?dot ?\)|\{ ?dot ?\}|< ?dot ?>|\.| dot ) {0,2}[\w\-]+)+",
        AnyCase, Timeout);

    /// <summary><c>jo dot bloggs at example dot co dot uk</c>, <c>jo.bloggs at nhs.net</c>: checked in code (a website is not an address).</summary>
    public static readonly Regex WordedEmail = new(
        @"[\w%+'\-]+(?:(?:\.| {1,2}dot {1,2})[\w%+'\-]+)* {1,2}at {1,2}[\w\-]+(?:(?:\.| {1,2}dot {1,2})[\w\-]+)*(?:\.| {1,2}dot {1,2})"
        + @"(?:uk|com|org|net|scot|wales|ie|info|io|me|eu|biz|gov|nhs)\b",
        AnyCase, Timeout);

    /// <summary>UK postcodes, any case, with or without the space: <c>M13 9PL</c>, <c>sw1a1aa</c>.</summary>
    public static readonly Regex Postcode = new(@"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) {0,2}[0-9][ABD-HJLNP-UW-Z]{2}\b", AnyCase, Timeout);

    /// <summary>National Insurance numbers with any spacing; the suffix letter is optional here and required in code unless cued.</summary>
    public static readonly Regex NationalInsurance = new(
        @"\b[A-Z]{2}[ \-]{0,2}[0-9]{2}[ \-]{0,2}[0-9]{2}[ \-]{0,2}[0-9]{2}(?:[ \-]{0,2}([A-D]))?\b", AnyCase, Timeout);

    /// <summary>Hospital, MRN and unit numbers: letters then 6 to 8 digits (<c>RXH1234567</c>, <c>K123456</c>).</summary>
    public static readonly Regex LettersThenDigits = new(@"\b[A-Za-z]{1,4}[0-9]{6,8}[A-Za-z]?\b", Exact, Timeout);

    /// <summary>The same with a space, capitals only (<c>RXH 1234567</c>).</summary>
    public static readonly Regex CapitalsSpaceDigits = new(@"\b[A-Z]{1,4} [0-9]{6,8}\b", Exact, Timeout);

    /// <summary>A council or social care reference after its cue: <c>client ref CR-204518</c>, <c>Mosaic ID 1234567</c>.</summary>
    public static readonly Regex ClientReference = new(
        @"\b(?:(?:client|case|council|person|service {1,2}user|su|customer|asc|social {1,2}care)\.? {0,2}(?:ref(?:erence)?|no|number|id|#)"
        + @"|(?:mosaic|liquid {0,1}logic|carefirst)(?: {0,2}(?:ref(?:erence)?|no|number|id|#))?"
        + @"|(?:las|swift|eclipse|paris|framework {0,1}i|care {0,1}director|system {0,2}one|systmone|rio|emis)\.? {0,2}(?:ref(?:erence)?|no|number|id|#))"
        + @"\.?(?: {0,2}(?:is|:|#|-|=))? {0,2}([A-Z0-9][A-Z0-9/\-]{2,24})",
        AnyCase, Timeout);

    /// <summary><c>12/03/1948</c>, <c>1948-03-12</c>, <c>03.12.48</c>, <c>12 / 3 / 1948</c>: read in code (the two separators must match).</summary>
    public static readonly Regex NumericDate = new(
        @"([0-9]{1,4}) {0,2}([/.\-]) {0,2}([0-9]{1,2}) {0,2}([/.\-]) {0,2}('?[0-9]{2,4})", Exact, Timeout);

    /// <summary><c>12 March 1938</c>, <c>12th of Mar. '38</c>, <c>12-Mar-38</c>, <c>3 June</c>.</summary>
    public static readonly Regex DayMonth = new(
        "([0-9]{1,2}) {0,2}(?:st|nd|rd|th)? {0,2}(?:of {1,2})?[ .\\-/]{0,2}(" + Month + ")\\b\\.?(?:[ ,.\\-/]{0,3}('?[0-9]{2,4}))?",
        AnyCase, Timeout);

    /// <summary><c>March 12, 1938</c>, <c>Mar 12th '38</c>, <c>June 3</c>.</summary>
    public static readonly Regex MonthDay = new(
        "\\b(" + Month + ")\\b\\.? {0,2}([0-9]{1,2})(?:st|nd|rd|th)?(?:,? {0,2}('?[0-9]{2,4}))?", AnyCase, Timeout);

    /// <summary><c>March 2024</c>, <c>Mar '38</c>, <c>Mar-24</c>.</summary>
    public static readonly Regex MonthYear = new("\\b(" + Month + ")\\b\\.?( {0,2}[,\\-/]? {0,2})('?[0-9]{2,4})", AnyCase, Timeout);

    /// <summary>A year after a birth cue: <c>born 1938</c>, <c>DOB '38</c>, <c>d.o.b. is 1950</c>.</summary>
    public static readonly Regex CuedYear = new(
        @"(?:\bd\.? {0,1}o\.? {0,1}b\b\.?|\bdate {1,2}of {1,2}birth|\bborn|\bbirth {0,1}date|\bbirth {1,2}year)[ :\-=]{0,3}(?:(?:is|was|in|on) {1,2})?('[0-9]{2}|[0-9]{4})\b",
        AnyCase, Timeout);

    /// <summary>A two-digit year on its own in brackets: <c>('38)</c>.</summary>
    public static readonly Regex BracketedYear = new(@"\( {0,2}('[0-9]{2}) {0,2}\)", Exact, Timeout);

    /// <summary>A house number and a street: <c>27 Acacia Avenue</c>, <c>Flat 4, 27 Oak Road</c>.</summary>
    public static readonly Regex Address = new(
        @"\b(?:(?:Flat|flat|Apartment|Apt|Unit)\.? {1,2}[0-9]{1,4}[A-Za-z]?,? {1,2})?[0-9]{1,4}[A-Za-z]?,? {1,2}(?:[A-Z][A-Za-z'\-]+ {1,2}){1,3}" + StreetType + @"\b",
        Exact, Timeout);

    /// <summary>The same in lower case with one or two words and the unmistakable street types: <c>27 acacia avenue</c>.</summary>
    public static readonly Regex LowerCaseAddress = new(
        @"\b[0-9]{1,4}[a-z]?,? {1,2}([a-z][a-z'\-]+(?: {1,2}[a-z][a-z'\-]+)?) {1,2}(?:road|rd|street|lane|avenue|ave|crescent|terrace|gardens|grove)\b",
        AnyCase, Timeout);

    /// <summary>
    /// A street or named house after "lives at", "living on", "address is", with or without a house number:
    /// <c>lives at Rose Cottage, Mill Lane</c>, <c>lives on Elm Street</c>, <c>lives at 3 The Paddocks</c>.
    /// </summary>
    public static readonly Regex CuedAddress = new(
        @"\b(?:[Ll]ive[sd]?|[Ll]iving|[Rr]esides?|[Rr]esiding|[Ss]tay(?:s|ing)?|[Aa]ddress(?: {1,2}is)?:?) {1,2}(?:(?:at|on|in) {1,2})?"
        + @"((?:[0-9]{1,4}[A-Za-z]?,? {1,2})?(?:[A-Z][A-Za-z'\-]+,? {1,2}){1,3}(?:" + StreetType[3..^1] + @"|Cottage|House|Farm|Lodge|Barn|Paddocks?|Manor|Estate)\b)",
        Exact, Timeout);

    /// <summary>A number plate in the current format, in capitals: <c>AB12 CDE</c>, <c>KX68ZTU</c> (no I, Q or Z where the DVLA uses none).</summary>
    public static readonly Regex NumberPlate = new(@"\b[A-HJ-PR-Y]{2}[0-25-7][0-9] {0,2}[A-HJ-PR-Z]{3}\b", Exact, Timeout);

    /// <summary>A plate in the current format in any case, for after its cue ("reg", "car"...): <c>ma19 xyz</c>.</summary>
    public static readonly Regex CuedNumberPlate = new(@"\b[A-Z]{2}[0-9]{2} {0,2}[A-Z]{3}\b", AnyCase, Timeout);

    /// <summary>
    /// The older formats in capitals, for after their cue: <c>A123 BCD</c>, <c>ABC 123D</c> (in lower case, "the car on the
    /// m62 was" would be one).
    /// </summary>
    public static readonly Regex OlderNumberPlate = new(@"\b(?:[A-Z][0-9]{1,3} {0,2}[A-Z]{3}|[A-Z]{3} {0,2}[0-9]{1,3}[A-Z])\b", Exact, Timeout);

    /// <summary>Every pattern, for the test that proves none can backtrack.</summary>
    public static IReadOnlyList<Regex> All { get; } =
    [
        Email, BracketedEmail, WordedEmail, Postcode, NationalInsurance, LettersThenDigits, CapitalsSpaceDigits, ClientReference,
        NumericDate, DayMonth, MonthDay, MonthYear, CuedYear, BracketedYear, Address, LowerCaseAddress, CuedAddress, NumberPlate,
        CuedNumberPlate, OlderNumberPlate,
    ];
}
