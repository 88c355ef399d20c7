namespace LearningBot.Digest.Print;

/// <summary>
/// The printed edition's style, on top of the shared printable style: A4, black on white with nothing told by colour
/// alone (links are underlined, panels ruled), body text of 12 pt (16 pt in large print) and headings kept with what
/// follows them and no paragraph split to leave fewer than 3 lines on a page. Items may run over a page (keeping
/// each whole left half-empty pages), so a normal edition of 8 to 10 items prints on 2 to 4 pages.
/// </summary>
public static class DigestPrintStyle
{
    private const string Shared =
        "@page { size: A4; margin: 15mm 15mm 16mm; }\n"
        + "body { color: #000; background: #fff; line-height: 1.25; }\n"
        + "a { color: #000; text-decoration: underline; }\n"
        + "h1, h2, h3 { color: #000; break-after: avoid; page-break-after: avoid; }\n"
        + "h1 { margin: 0 0 0.2em; }\n"
        + "h2 { border-bottom: 2px solid #000; margin: 0.9em 0 0.3em; }\n"
        + "h3 { margin: 0.8em 0 0.2em; }\n"
        + "p { margin: 0 0 0.5em; }\n"
        + "section { break-inside: auto; }\n"
        + ".panel { break-inside: avoid; page-break-inside: avoid; }\n"
        + "p, li { orphans: 3; widows: 3; }\n"
        + ".period { font-weight: bold; }\n"
        + ".about { font-style: italic; font-weight: bold; }\n"
        + ".more { font-weight: bold; overflow-wrap: anywhere; }\n"
        + ".contents { margin: 0; padding-left: 1.2em; columns: 2; column-gap: 2em; }\n"
        + ".contents li { break-inside: avoid; }\n"
        + ".panel { border: 2px solid #000; padding: 0.4em 0.8em; margin-top: 1em; }\n"
        + ".panel h2 { margin-top: 0.2em; }\n"
        + ".notice { border: 3px double #000; padding: 0.4em; }\n"
        + "footer { color: #000; margin-top: 1em; }\n"
        + "@media print { body { max-width: none; } }\n";

    /// <summary>12 pt body text: the least for comfortable reading on paper.</summary>
    public const string Standard = Shared
        + ".panels { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; align-items: start; break-inside: avoid; }\n"
        + "body { font-size: 12pt; }\nh1 { font-size: 22pt; }\nh2 { font-size: 16pt; }\nh3 { font-size: 13.5pt; }\nfooter { font-size: 12pt; }\n";

    /// <summary>16 pt body text and larger headings, as large-print guidance asks.</summary>
    public const string Large = Shared
        + "body { font-size: 16pt; line-height: 1.45; }\nh1 { font-size: 28pt; }\nh2 { font-size: 22pt; }\nh3 { font-size: 18pt; }\nfooter { font-size: 16pt; }\n";
}
