using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

/// <summary>
/// Every stored trial's summary, many to a LiteDB document (<see cref="SummaryPage"/>), in the order they were stored:
/// what <c>sweep trials</c> and <c>sweep best</c> read. Written in the transaction that stores the trials, so the pages
/// never disagree with them. A trial stored again (a rerun) is appended again, and the later summary is the one read.
/// <para>
/// Page 0 is the header: its presence says that the pages hold every trial of the store, as of the format it names.
/// A store written before there were pages, or whose last page cannot be read when more trials are stored, has no
/// header; queries then read the trials' own summaries, and the next open to write builds the pages from the trials
/// (<see cref="Rebuild"/>). Calls run inside the store's transactions.
/// </para>
/// </summary>
internal sealed class SummaryPages(ILiteCollection<BsonDocument> pages)
{
    public const string Collection = "summary_pages";

    /// <summary>Trials per page: a page is rewritten whenever a trial joins it, so it stays small (tens of kilobytes).</summary>
    public const int Capacity = 64;

    /// <summary>Above this, a page of <see cref="Capacity"/> trials is split (<see cref="Write"/>).</summary>
    public const int MaxPageBytes = 1024 * 1024;

    private const int HeaderId = 0;
    private const string FormatField = "format";
    private const string TrialsField = "trials";

    /// <summary>Whether the pages hold every stored trial in this version's format.</summary>
    public bool AreComplete() =>
        pages.FindById(HeaderId) is { } header && header[FormatField].IsInt32 && header[FormatField].AsInt32 == SummaryPage.Format;

    /// <summary>
    /// Appends the trials' summaries to the last page (to new pages as each fills). Pages without a header are left
    /// for <see cref="Rebuild"/>; a last page that cannot be read loses the header, so that no query trusts pages
    /// that would miss these trials.
    /// </summary>
    public void Append(IReadOnlyList<TrialResult> trials)
    {
        if (!AreComplete())
        {
            return;
        }

        // Pages are numbered from 1 after the header's 0; a largest id of another type is damage, and appending after
        // the wrong page could write over others.
        BsonValue last = pages.Max();
        if (!last.IsInt32)
        {
            Invalidate();
            return;
        }

        int id = Math.Max(last.AsInt32, HeaderId + 1);
        List<TrialResult> page;
        try
        {
            page = pages.FindById(id) is { } stored ? SummaryPage.Decode(TrialsOf(stored)) : [];
        }
        catch (FormatException)
        {
            Invalidate();
            return;
        }

        WriteFrom(id, [.. page, .. trials]);
    }

    /// <summary>Takes the header away: queries no longer read the pages, and the next open to write builds them again.</summary>
    public void Invalidate() => pages.Delete(HeaderId);

    /// <summary>Replaces every page with pages of these trials, and writes the header that says they are complete.</summary>
    public void Rebuild(IEnumerable<TrialResult> trials)
    {
        pages.DeleteAll();
        WriteFrom(HeaderId + 1, [.. trials]);
        pages.Insert(new BsonDocument { ["_id"] = HeaderId, [FormatField] = (int)SummaryPage.Format });
    }

    /// <summary>
    /// Every stored trial's latest summary, in the order first stored; null when the pages are not complete or one
    /// cannot be read (the caller then reads the trials' own summaries).
    /// </summary>
    public List<TrialResult>? ReadAll()
    {
        if (!AreComplete())
        {
            return null;
        }

        try
        {
            return [.. Latest(unreadable: null).Values];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The <see cref="Fingerprint"/> a trial's summary in the pages must have: that of the trial read from its own
    /// document (a hash rather than the trial, since 20,000 of them are tens of megabytes).
    /// </summary>
    public static byte[] Fingerprint(TrialResult trial) => System.Security.Cryptography.SHA256.HashData(SummaryPage.Encode([trial]));

    /// <summary>
    /// What is wrong with the pages against the stored trials (<paramref name="expected"/>: each trial's
    /// <see cref="Fingerprint"/>, by id, or null for a trial that cannot be read, which is a problem of its own): the
    /// pages that cannot be read (<paramref name="unreadable"/>, which queries then do not read), and a summary without
    /// its trial or different from it or a trial without a summary (<paramref name="problems"/>, which queries would
    /// show). Nothing when there are no complete pages: queries then do not read them.
    /// </summary>
    public void Check(IReadOnlyDictionary<string, byte[]?> expected, List<string> problems, List<string> unreadable)
    {
        if (!AreComplete())
        {
            return;
        }

        Dictionary<string, TrialResult> latest = Latest(unreadable);
        if (unreadable.Count > 0)
        {
            // Which trials the unread pages hold is not known, so none of the rest can be said to be missing.
            return;
        }

        List<string> extra = [.. latest.Keys.Where(id => !expected.ContainsKey(id))];
        List<string> differing = [.. latest.Values.Where(t => expected.TryGetValue(t.TrialId, out byte[]? hash) && hash is not null && !hash.AsSpan().SequenceEqual(Fingerprint(t))).Select(t => t.TrialId)];
        List<string> missing = [.. expected.Where(e => e.Value is not null && !latest.ContainsKey(e.Key)).Select(e => e.Key)];
        AddProblem(problems, extra, "summaries without a stored trial: listings would show trials that are not stored");
        AddProblem(problems, differing, "summaries that differ from their trials: listings and rankings would show what is not stored");
        AddProblem(problems, missing, "trials without a summary in the pages: listings would leave them out");
    }

    /// <summary>
    /// Each trial's latest summary, by id, reading the pages in order. A page that cannot be read throws
    /// <see cref="FormatException"/>, or, given <paramref name="unreadable"/>, is named there and passed over.
    /// </summary>
    private Dictionary<string, TrialResult> Latest(List<string>? unreadable)
    {
        var latest = new Dictionary<string, TrialResult>(StringComparer.Ordinal);
        foreach (BsonDocument page in pages.Find(Query.GT("_id", HeaderId)))
        {
            try
            {
                foreach (TrialResult trial in SummaryPage.Decode(TrialsOf(page)))
                {
                    latest[trial.TrialId] = trial;
                }
            }
            catch (FormatException exception) when (unreadable is not null)
            {
                unreadable.Add($"{Collection}: page {page["_id"]} cannot be read ({exception.Message}); listings read the trials instead, more slowly, until the next run builds the pages again");
            }
        }

        return latest;
    }

    private static void AddProblem(List<string> problems, List<string> ids, string what)
    {
        if (ids.Count > 0)
        {
            string shown = string.Join(", ", ids.Order(StringComparer.Ordinal).Take(5)) + (ids.Count > 5 ? ", ..." : "");
            problems.Add($"{Collection}: {ids.Count} {what} ({shown})");
        }
    }

    /// <summary>Writes the trials as pages <paramref name="id"/>, <paramref name="id"/> + 1 and on, <see cref="Capacity"/> to a page.</summary>
    private void WriteFrom(int id, TrialResult[] trials)
    {
        foreach (TrialResult[] chunk in trials.Chunk(Capacity))
        {
            id = Write(id, chunk) + 1;
        }
    }

    /// <summary>
    /// Writes the trials as one page, or as several when their bytes pass <see cref="MaxPageBytes"/> (trials with long
    /// notes or many settings), so that a page stays far below LiteDB's 16 MB limit on a document: a trial's summary
    /// is smaller than its own document, which was stored. Returns the last page id written.
    /// </summary>
    private int Write(int id, TrialResult[] trials)
    {
        byte[] page = SummaryPage.Encode(trials);
        if (page.Length > MaxPageBytes && trials.Length > 1)
        {
            return Write(Write(id, trials[..(trials.Length / 2)]) + 1, trials[(trials.Length / 2)..]);
        }

        pages.Upsert(new BsonDocument { ["_id"] = id, [TrialsField] = page });
        return id;
    }

    private static byte[] TrialsOf(BsonDocument page) =>
        page[TrialsField] is { IsBinary: true } trials ? trials.AsBinary : throw new FormatException($"page {page["_id"]} holds no trials");
}
